// Progressive enhancement of the guide: "copier le lien" buttons and the superseded-edition
// banner pointing at the paragraph of the link. Without this script the anchors stay visible
// and the paragraph notice appears through CSS (:target).
(function () {
    "use strict";

    function absolute(url) {
        return new URL(url, window.location.href).href;
    }

    function announce(message) {
        var status = document.getElementById("guide-copy-status");
        if (status) {
            status.textContent = "";
            window.setTimeout(function () { status.textContent = message; }, 50);
        }
    }

    function copy(text) {
        if (navigator.clipboard && window.isSecureContext) {
            return navigator.clipboard.writeText(text);
        }
        return new Promise(function (resolve, reject) {
            var field = document.createElement("textarea");
            field.value = text;
            field.setAttribute("readonly", "");
            field.className = "fr-sr-only";
            document.body.appendChild(field);
            field.select();
            var ok = document.execCommand("copy");
            document.body.removeChild(field);
            if (ok) { resolve(); } else { reject(new Error("copy")); }
        });
    }

    function addCopyButtons() {
        document.querySelectorAll(".guide-unit__copy[data-copy-url]").forEach(function (slot) {
            var button = document.createElement("button");
            var label = slot.getAttribute("data-copy-label");
            button.type = "button";
            button.className = "guide-copy-btn";
            button.textContent = "Copier le lien";
            button.setAttribute("aria-label", "Copier le lien du " + label);
            button.addEventListener("click", function () {
                var url = absolute(slot.getAttribute("data-copy-url"));
                copy(url).then(function () {
                    button.textContent = "Lien copié";
                    button.setAttribute("data-copied", "");
                    announce("Lien du " + label + " copié : " + url);
                    window.setTimeout(function () {
                        button.textContent = "Copier le lien";
                        button.removeAttribute("data-copied");
                    }, 3000);
                }, function () {
                    window.prompt("Copiez le lien :", url);
                });
            });
            slot.appendChild(button);
        });
    }

    function pointBannerAtParagraph() {
        var banner = document.getElementById("bandeau-edition");
        var hash = window.location.hash;
        if (!banner || hash.indexOf("#p-") !== 0) return;
        var unit = document.getElementById(hash.slice(1));
        if (!unit) return;
        var notice = unit.querySelector(".guide-unit__successor");
        var bannerLink = banner.querySelector(".guide-banner__link");
        var follow = notice && notice.querySelector(".guide-follow");
        if (notice) notice.classList.add("is-visible");
        if (bannerLink && follow) {
            bannerLink.href = follow.href;
            bannerLink.textContent = follow.textContent;
        } else if (bannerLink && notice) {
            bannerLink.insertAdjacentText("beforebegin", "Le paragraphe que vous cherchiez a été retiré de l'édition en vigueur. ");
        }
    }

    document.addEventListener("DOMContentLoaded", function () {
        addCopyButtons();
        pointBannerAtParagraph();
        window.addEventListener("hashchange", pointBannerAtParagraph);
    });
})();
