// Admin autocomplete (directory/widgets.py): type a few letters, pick a suggestion from the
// list, it is added to the hidden select; each chosen value has a "Retirer" button.
(function () {
    "use strict";

    function setUp(box) {
        var select = box.querySelector("select");
        var input = box.querySelector(".dir-autocomplete__input");
        var list = box.querySelector("datalist");
        var chosen = box.querySelector(".dir-autocomplete__chosen");
        var multiple = box.hasAttribute("data-multiple");
        var found = {};
        var timer = null;
        select.hidden = true;

        function render() {
            chosen.textContent = "";
            Array.prototype.forEach.call(select.options, function (option) {
                if (!option.value) { return; }
                option.selected = true;
                var item = document.createElement("li");
                var button = document.createElement("button");
                item.textContent = option.textContent + " ";
                button.type = "button";
                button.className = "button button-small button-secondary";
                button.textContent = "Retirer";
                button.setAttribute("aria-label", "Retirer " + option.textContent);
                button.addEventListener("click", function () {
                    option.remove();
                    render();
                    input.focus();
                });
                item.appendChild(button);
                chosen.appendChild(item);
            });
        }

        function add(value, label) {
            if (!multiple) { select.textContent = ""; }
            if (select.querySelector('option[value="' + value + '"]')) { return; }
            var option = new Option(label, value, true, true);
            select.appendChild(option);
            render();
        }

        function suggest() {
            var text = input.value.trim();
            if (text.length < 2 || found[text]) { return; }
            fetch(box.dataset.autocompleteUrl + "?q=" + encodeURIComponent(text), {
                credentials: "same-origin"
            }).then(function (response) { return response.json(); }).then(function (data) {
                list.textContent = "";
                data.results.forEach(function (result) {
                    found[result.label] = result.id;
                    var option = document.createElement("option");
                    option.value = result.label;
                    list.appendChild(option);
                });
            });
        }

        input.addEventListener("input", function () {
            var label = input.value;
            if (found[label]) {
                add(found[label], label);
                input.value = "";
                return;
            }
            clearTimeout(timer);
            timer = setTimeout(suggest, 200);
        });
        input.addEventListener("keydown", function (event) {
            if (event.key === "Enter") { event.preventDefault(); }
        });
        render();
    }

    function init() {
        Array.prototype.forEach.call(document.querySelectorAll(".dir-autocomplete"), setUp);
    }
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
