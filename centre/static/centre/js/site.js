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

// A <details data-open-from="62em"> is open on screens at least that wide (beside the content)
// and folded behind its summary on smaller ones, following the window when it is resized.
document.addEventListener("DOMContentLoaded", () => {
    for (const details of document.querySelectorAll("details[data-open-from]")) {
        const wide = window.matchMedia(`(min-width: ${details.dataset.openFrom})`);
        const follow = () => { details.open = wide.matches; };
        follow();
        wide.addEventListener("change", follow);
    }
});

// Tables scroll inside their own region instead of widening the page on a phone: the region is
// named by the table's caption and reachable with the keyboard when it does scroll.
document.addEventListener("DOMContentLoaded", () => {
    const tables = document.querySelectorAll("main table");
    tables.forEach((table, index) => {
        let region = table.parentElement;
        // A template may already give the table its own region (role="region"): keep that one.
        const wrapper = '.fr-table, .ctr-table-wrap, [role="region"]';
        if (!region.matches(wrapper) || region.querySelectorAll("table").length > 1) {
            region = document.createElement("div");
            table.replaceWith(region);
            region.append(table);
        }
        region.dataset.scrollRegion = "";
        region.setAttribute("role", "region");
        const caption = table.querySelector("caption");
        if (caption && !region.hasAttribute("aria-label")) {
            caption.id = caption.id || `tableau-legende-${index + 1}`;
            region.setAttribute("aria-labelledby", caption.id);
        } else if (!region.hasAttribute("aria-label")) {
            region.setAttribute("aria-label", "Tableau");
        }
    });
    const markScrollable = () => {
        for (const region of document.querySelectorAll("[data-scroll-region]")) {
            if (region.scrollWidth > region.clientWidth) region.setAttribute("tabindex", "0");
            else if (!region.matches(".ctr-table-wrap")) region.removeAttribute("tabindex");
        }
    };
    markScrollable();
    window.addEventListener("resize", markScrollable);
});
