// Autocomplete for search fields (WAI-ARIA 1.2 combobox with a listbox popup).
// Progressive enhancement: without this script the fields are plain search fields.
(() => {
    const DELAY_MS = 150;

    function setUp(input, index) {
        const listId = `suggestions-${index}`;
        const list = document.createElement("ul");
        list.id = listId;
        list.className = "search-suggestions";
        list.setAttribute("role", "listbox");
        list.setAttribute("aria-label", "Suggestions");
        list.hidden = true;
        const status = document.createElement("p");
        status.className = "fr-sr-only";
        status.setAttribute("role", "status");
        input.parentElement.classList.add("search-suggestions__anchor");
        input.insertAdjacentElement("afterend", list);
        list.insertAdjacentElement("afterend", status);

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", listId);

        let timer = null;
        let active = -1;
        let items = [];
        let lastQuery = "";

        function close() {
            list.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function highlight(position) {
            const options = list.querySelectorAll("[role=option]");
            options.forEach((option, i) => option.setAttribute("aria-selected", String(i === position)));
            active = position;
            if (position >= 0) {
                input.setAttribute("aria-activedescendant", options[position].id);
                options[position].scrollIntoView({ block: "nearest" });
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        function render(suggestions) {
            items = suggestions;
            list.replaceChildren();
            suggestions.forEach((suggestion, i) => {
                const option = document.createElement("li");
                option.id = `${listId}-${i}`;
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                option.textContent = suggestion.title;
                option.addEventListener("mousedown", (event) => {
                    event.preventDefault();
                    window.location.href = suggestion.url;
                });
                list.appendChild(option);
            });
            const count = suggestions.length;
            status.textContent = count ? `${count} suggestion${count > 1 ? "s" : ""}, flèches pour parcourir` : "";
            if (count) {
                list.hidden = false;
                input.setAttribute("aria-expanded", "true");
                active = -1;
            } else {
                close();
            }
        }

        async function fetchSuggestions(query) {
            try {
                const response = await fetch(`${input.dataset.suggestions}?q=${encodeURIComponent(query)}`);
                if (!response.ok || query !== input.value.trim()) return;
                render((await response.json()).suggestions);
            } catch {
                close();
            }
        }

        input.addEventListener("input", () => {
            const query = input.value.trim();
            clearTimeout(timer);
            if (query.length < 2) { render([]); return; }
            if (query === lastQuery) return;
            lastQuery = query;
            timer = setTimeout(() => fetchSuggestions(query), DELAY_MS);
        });

        input.addEventListener("keydown", (event) => {
            if (list.hidden) return;
            if (event.key === "ArrowDown") {
                event.preventDefault();
                highlight((active + 1) % items.length);
            } else if (event.key === "ArrowUp") {
                event.preventDefault();
                highlight(active <= 0 ? items.length - 1 : active - 1);
            } else if (event.key === "Enter" && active >= 0) {
                event.preventDefault();
                window.location.href = items[active].url;
            } else if (event.key === "Escape") {
                event.preventDefault();
                close();
            }
        });
        input.addEventListener("blur", () => setTimeout(close, 100));
    }

    document.addEventListener("DOMContentLoaded", () => {
        document.querySelectorAll("input[data-suggestions]").forEach(setUp);
    });
})();
