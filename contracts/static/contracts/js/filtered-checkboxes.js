// Narrows a long checklist (the contract's départements) to the boxes whose label contains
// the typed text, accents and case ignored; ticked boxes always stay visible.
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function setUp(box) {
    const input = box.querySelector("[data-filtered-checkboxes-input]");
    const count = box.querySelector("[data-filtered-checkboxes-count]");
    const options = Array.from(box.querySelectorAll("input[type=checkbox]")).map((checkbox) => ({
      checkbox,
      item: checkbox.closest("div, li") || checkbox.parentElement,
      text: fold(checkbox.parentElement.textContent),
    }));

    function update() {
      const wanted = fold(input.value);
      let shown = 0;
      options.forEach(({ checkbox, item, text }) => {
        const visible = !wanted || checkbox.checked || text.includes(wanted);
        item.hidden = !visible;
        shown += visible ? 1 : 0;
      });
      const ticked = options.filter(({ checkbox }) => checkbox.checked).length;
      count.textContent = `${shown} affiché(s) sur ${options.length} ; ${ticked} coché(s)`;
    }

    input.addEventListener("input", update);
    box.addEventListener("change", update);
    update();
  }

  function setUpAll() {
    document.querySelectorAll("[data-filtered-checkboxes]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
