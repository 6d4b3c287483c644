// Directory filters: on a small screen they fold behind the "Filtrer" button so that the
// results come first (without this script they stay open).
(function () {
    "use strict";
    function init() {
        var panels = document.querySelectorAll("details[data-fold-below]");
        Array.prototype.forEach.call(panels, function (panel) {
            var query = "(max-width: " + panel.getAttribute("data-fold-below") + ")";
            if (window.matchMedia(query).matches) {
                panel.open = false;
            }
        });
    }
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
