// Facilitator lookup: suggest communes while the visitor types (the form works without it).
(function () {
    "use strict";
    function init() {
        var input = document.querySelector("[data-suggestions-url]");
        if (!input) { return; }
        var list = document.getElementById(input.getAttribute("list"));
        var timer = null;
        var last = "";
        function suggest() {
            var text = input.value.trim();
            if (text.length < 2 || text === last) { return; }
            last = text;
            fetch(input.dataset.suggestionsUrl + "?q=" + encodeURIComponent(text))
                .then(function (response) { return response.ok ? response.json() : { communes: [] }; })
                .then(function (data) {
                    list.textContent = "";
                    data.communes.forEach(function (commune) {
                        var option = document.createElement("option");
                        option.value = commune.value;
                        option.label = commune.label;
                        list.appendChild(option);
                    });
                });
        }
        input.addEventListener("input", function () {
            clearTimeout(timer);
            timer = setTimeout(suggest, 200);
        });
    }
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
