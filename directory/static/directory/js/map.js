// Coverage map: show the hovered or focused département's figures under the map.
// The map works without this script (each département is a link with a title).
(function () {
    "use strict";
    function init() {
        var details = document.getElementById("dir-map-details");
        if (!details) { return; }
        var links = document.querySelectorAll(".dir-map .dir-dep");
        function show(event) {
            details.textContent = event.currentTarget.getAttribute("aria-label");
            details.hidden = false;
        }
        for (var i = 0; i < links.length; i++) {
            links[i].addEventListener("mouseenter", show);
            links[i].addEventListener("focus", show);
        }
    }
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
