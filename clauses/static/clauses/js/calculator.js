// Live calculator: re-asks the server (same parser, same figures) as the person types.
// Without JS the form is a plain GET form and gives the same page.
document.addEventListener("DOMContentLoaded", () => {
    const form = document.getElementById("calculateur");
    const result = document.getElementById("resultat");
    const summary = document.getElementById("zone-erreurs");
    if (!form || !result || !window.fetch || !window.DOMParser) return;
    // Show, in the empty fields, the values the chosen référentiel row will bring.
    const rowSelect = document.getElementById("champ-ligne");
    const showRowValues = () => {
        if (!rowSelect) return;
        const option = rowSelect.selectedOptions[0];
        [["champ-part", "part", "Ex. : 40"], ["champ-cout_horaire", "cout", "Ex. : 30"]].forEach(
            ([id, key, example]) => {
                const input = document.getElementById(id);
                if (!input) return;
                const value = option && option.dataset[key];
                input.placeholder = value ? "Référentiel : " + value : example;
            }
        );
    };
    if (rowSelect) {
        rowSelect.addEventListener("change", showRowValues);
        showRowValues();
    }
    let timer = null;
    let last = "";

    const refresh = async () => {
        const query = new URLSearchParams(new FormData(form)).toString();
        if (query === last) return;
        last = query;
        const url = form.action + "?" + query;
        let html;
        try {
            const response = await fetch(url, { headers: { "X-Requested-With": "fetch" } });
            html = await response.text();
        } catch {
            // Network failure: the result stays as it was; submitting the form still works.
            return;
        }
        const doc = new DOMParser().parseFromString(html, "text/html");
        const newResult = doc.getElementById("resultat");
        if (newResult) result.innerHTML = newResult.innerHTML;
        const newSummary = doc.getElementById("zone-erreurs");
        if (summary && newSummary) summary.innerHTML = newSummary.innerHTML;
        form.querySelectorAll(".rs-field").forEach((field) => {
            const input = field.querySelector("input, select");
            if (!input) return;
            const fresh = doc.getElementById(input.id);
            const freshField = fresh && fresh.closest(".rs-field");
            if (!freshField) return;
            field.className = freshField.className;
            const oldError = field.querySelector(".rs-error");
            if (oldError) oldError.remove();
            const newError = freshField.querySelector(".rs-error");
            if (newError) field.appendChild(newError.cloneNode(true));
            ["aria-invalid", "aria-describedby"].forEach((name) => {
                const value = fresh.getAttribute(name);
                if (value === null) input.removeAttribute(name);
                else input.setAttribute(name, value);
            });
        });
        history.replaceState(null, "", url);
    };

    form.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(refresh, 500);
    });
    form.addEventListener("change", () => {
        clearTimeout(timer);
        refresh();
    });
});
