// The server writes the page's first paint into the index HTML (dashboard/ui/first_paint.py), so the
// text arrives with the page; assets/first-paint.css keeps the live page out of sight meanwhile.
// Removed in the same frame in which React draws the live page (a mutation observer runs before the
// browser paints), so the two are never seen together and nothing on screen moves. This script runs
// before the other assets' observers: they only ever see the live page.
(function () {
    "use strict";
    var copy = document.getElementById("first-paint");
    var root = document.getElementById("react-entry-point");
    if (!copy || !root) {
        return;
    }
    var observer = new MutationObserver(function () {
        if (root.querySelector(".page-frame")) {
            observer.disconnect();
            copy.remove();
        }
    });
    observer.observe(root, {childList: true, subtree: true});
}());
