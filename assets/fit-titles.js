// A chart's title is one line of SVG text, which plotly does not wrap: in a narrow card a long title
// (a Thai title with its fiscal year) ran past the card's edge and was cut. After every redraw and
// resize, a title that does not fit is set in smaller type, never below MIN_PX; given more room, it
// grows back to the size its figure asked for (the server's, or meeting mode's projector type).
(function () {
    "use strict";
    var MIN_PX = 13;
    var EDGE_PX = 6;  // room kept between the title's end and the card's edge

    function fitTitle(gd) {
        var title = gd.querySelector(".gtitle");
        var svg = gd.querySelector("svg.main-svg");
        var full = gd._fullLayout && gd._fullLayout.title;
        if (!title || !svg || !full || !full.font || !gd.getClientRects().length || !window.Plotly) {
            return;
        }
        var size = full.font.size;
        if (size !== gd.titleFitted) {
            gd.titleBase = size;  // chosen by the figure, not by this script
        }
        var base = gd.titleBase;
        var box = svg.getBoundingClientRect();
        var text = title.getBoundingClientRect();
        if (!text.width) {
            return;
        }
        var room = box.right - text.left - EDGE_PX;
        var wanted = Math.max(MIN_PX, Math.min(base, Math.floor(base * room / (text.width * base / size))));
        gd.setAttribute("data-title-px", String(wanted));
        if (wanted !== size) {
            gd.titleFitted = wanted;
            window.Plotly.relayout(gd, {"title.font.size": wanted});
        }
    }

    function hookAll() {
        var plots = document.querySelectorAll(".js-plotly-plot");
        for (var i = 0; i < plots.length; i += 1) {
            var gd = plots[i];
            if (gd.on && !gd.titleHooked) {
                gd.titleHooked = true;
                gd.on("plotly_afterplot", fitTitle.bind(null, gd));
                fitTitle(gd);
            }
        }
    }

    new MutationObserver(hookAll).observe(document.documentElement, {childList: true, subtree: true});
    window.addEventListener("resize", function () {
        var plots = document.querySelectorAll(".js-plotly-plot");
        for (var i = 0; i < plots.length; i += 1) {
            fitTitle(plots[i]);
        }
    });
})();
