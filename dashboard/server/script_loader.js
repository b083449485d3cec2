// Dash's scripts, in their order, inserted as ordered scripts (dashboard/server/index_page.py): they
// download together while the page is painted, run one by one in the order given, each in a task of
// its own, and never stop the parser.
(function () {
    "use strict";
    var listing = document.getElementById("dash-script-list");
    var sources = listing ? JSON.parse(listing.textContent || "[]") : [];
    var box = listing ? listing.parentNode : document.body;
    sources.forEach(function (src) {
        var script = document.createElement("script");
        script.src = src;
        script.async = false;  // ordered: each runs after the ones before it
        box.appendChild(script);
    });
}());
