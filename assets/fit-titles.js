// A chart's title is one line of SVG text, which plotly does not wrap: in a narrow card a long title
// (a Thai title with its fiscal year) ran past the card's edge and was cut. After every redraw and
// resize, a title that does not fit is set in smaller type, never below MIN_PX; given more room, it
// grows back to the size its figure asked for (the server's, or meeting mode's projector type).
// Before a chart is drawn its title is measured in a canvas and set in the size that check would
// choose (window.sdgFigureHooks, applied by assets/staggered-draws.js), so it is drawn once; the check
// after drawing stays the judge, for a title this cannot measure or measured wrong.
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

    var canvas = null;

    function first() {
        for (var i = 0; i < arguments.length; i += 1) {
            if (arguments[i] !== undefined && arguments[i] !== null) {
                return arguments[i];
            }
        }
        return undefined;
    }

    function beforeDraw(gd, figure) {
        var layout = figure.layout;
        var title = layout.title;
        var tpl = (layout.template && layout.template.layout) || {};
        var tplTitle = tpl.title || {};
        if (!title || typeof title.text !== "string" || /[<&]/.test(title.text)
            || !gd.getClientRects().length) {
            return figure;  // markup is drawn by plotly's own rules: left to the check after drawing
        }
        var font = title.font || {};
        var size = first(font.size, (tplTitle.font || {}).size);
        var family = first(font.family, (tplTitle.font || {}).family, (layout.font || {}).family,
                           (tpl.font || {}).family);
        var x = first(title.x, tplTitle.x);
        // only the simple case plotly places predictably: at x of the whole width, its left end there
        if (typeof size !== "number" || !family || typeof x !== "number"
            || first(title.xanchor, tplTitle.xanchor) !== "left"
            || first(title.xref, tplTitle.xref, "container") !== "container") {
            return figure;
        }
        var base = size === gd.titleFitted && gd.titleBase ? gd.titleBase : size;
        var width = typeof layout.width === "number" ? layout.width : gd.clientWidth;
        var pad = first((title.pad || {}).l, (tplTitle.pad || {}).l, 0);
        canvas = canvas || document.createElement("canvas").getContext("2d");
        canvas.font = first(font.weight, (tplTitle.font || {}).weight, "normal") + " " + base + "px " + family;
        var text = canvas.measureText(title.text).width;
        if (!text || !width) {
            return figure;
        }
        var room = width - x * width - pad - EDGE_PX;
        var wanted = Math.max(MIN_PX, Math.min(base, Math.floor(base * room / text)));
        if (wanted === size) {
            return figure;
        }
        gd.titleBase = base;
        gd.titleFitted = wanted;
        var fitted = Object.assign({}, title, {font: Object.assign({}, font, {size: wanted})});
        return Object.assign({}, figure, {layout: Object.assign({}, layout, {title: fitted})});
    }

    (window.sdgFigureHooks = window.sdgFigureHooks || []).push(beforeDraw);

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
