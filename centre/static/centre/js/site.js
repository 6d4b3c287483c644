// Progressive enhancement only: every page works without this script (early.js sets the "js"
// class before the first paint).

document.addEventListener("DOMContentLoaded", () => {
    const button = document.querySelector(".fr-btn--menu");
    const nav = document.getElementById("menu-principal");
    if (!button || !nav) return;
    button.hidden = false;
    button.addEventListener("click", () => {
        const open = button.getAttribute("aria-expanded") !== "true";
        button.setAttribute("aria-expanded", String(open));
        nav.classList.toggle("fr-nav--open", open);
    });
});
