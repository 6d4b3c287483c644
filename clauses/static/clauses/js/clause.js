// "Copier le texte": progressive enhancement; without JS the text can be selected by hand.
document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".rs-copy[data-copy]").forEach((button) => {
        const source = document.getElementById(button.dataset.copy);
        const status = button.parentElement.querySelector(".rs-copy-status");
        if (!source) return;
        button.hidden = false;
        button.addEventListener("click", async () => {
            const text = source.value;
            try {
                await navigator.clipboard.writeText(text);
            } catch {
                source.hidden = false;
                source.select();
                document.execCommand("copy");
                source.hidden = true;
            }
            if (status) status.textContent = "Texte copié dans le presse-papiers.";
        });
    });
});
