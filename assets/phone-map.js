// The overview map on a phone: beside a narrow map the colour bar and the pilot legend took half the
// width, and Thailand (a tall country) was drawn about 200 px high. On a phone-sized screen,
// the map gets the whole width and the top of a taller box, and the colour bar and legend go under it
// (never over a province); wider again, the server's layout comes back. A filter change replaces the
// colour bar (the server's Patch), so the layout is checked again after every redraw. Meeting mode
// sizes the map itself (assets/present.js) and is left alone.
(function () {
    "use strict";
    var PHONE = "(max-width: 575.98px)";  // Bootstrap's extra-small screens, where every card is full width
    var MAP_PX = 440;     // the map's own height on a phone: Thailand drawn about 250 px wide
    var TICK_PX = 28;     // per colour-bar label (15 px Thai type with its marks): the change map has twelve
    var BAR_TITLE_PX = 40;
    var LEGEND_PX = 44;   // the pilot legend, at the bottom

    function narrowSettings(gd) {
        // the map on top across the whole width; the colour bar, then the pilot legend, under it
        var margin = gd.layout.margin || {};
        var trace = gd.data[0];
        var ticks = trace.colorbar && trace.colorbar.tickvals ? trace.colorbar.tickvals.length : 6;
        var barPx = Math.max(7, ticks) * TICK_PX;
        var belowPx = LEGEND_PX + barPx + BAR_TITLE_PX;
        var plotPx = MAP_PX + belowPx;
        return {
            height: (margin.t || 0) + (margin.b || 0) + plotPx + "px",
            layout: {"geo.domain.x": [0, 1], "geo.domain.y": [belowPx / plotPx, 1],
                     "legend.x": 0, "legend.xanchor": "left", "legend.y": 0, "legend.yanchor": "bottom"},
            bar: {"colorbar.x": 0, "colorbar.xanchor": "left", "colorbar.y": LEGEND_PX / plotPx,
                  "colorbar.yanchor": "bottom", "colorbar.len": barPx, "colorbar.lenmode": "pixels"}
        };
    }

    var BAR_KEYS = ["colorbar.x", "colorbar.xanchor", "colorbar.y", "colorbar.yanchor", "colorbar.len",
                    "colorbar.lenmode"];
    var LAYOUT_KEYS = ["geo.domain.x", "geo.domain.y", "legend.x", "legend.xanchor", "legend.y", "legend.yanchor"];

    function plot() {
        return document.querySelector("#province-map .js-plotly-plot");
    }

    function pick(source, keys) {
        var out = {};
        keys.forEach(function (key) {
            var value = key.split(".").reduce(function (node, part) {
                return node && node[part] !== undefined ? node[part] : undefined;
            }, source);
            out[key] = value === undefined ? null : value;
        });
        return out;
    }

    function barOf(gd) {
        return pick({colorbar: (gd.data[0] && gd.data[0].colorbar) || {}}, BAR_KEYS);
    }

    function same(current, wanted) {
        return Object.keys(wanted).every(function (key) {
            return JSON.stringify(current[key]) === JSON.stringify(wanted[key]);
        });
    }

    function restyleValues(values) {
        var out = {};
        Object.keys(values).forEach(function (key) { out[key] = [values[key]]; });
        return out;
    }

    function fit() {
        var gd = plot();
        var box = document.getElementById("province-map");
        if (!gd || !box || !gd.data || !gd.data.length || !gd.layout || !window.Plotly
            || document.getElementById("present-root") || gd.fittingPhone) {
            return;
        }
        if (!gd.wideLayout) {  // the server's layout, for when the screen turns or widens again
            gd.wideLayout = {layout: pick(gd.layout, LAYOUT_KEYS), bar: barOf(gd), height: box.style.height};
        }
        var narrow = window.matchMedia(PHONE).matches;
        var wanted = narrow ? narrowSettings(gd) : gd.wideLayout;
        var layout = wanted.layout;
        var bar = wanted.bar;
        var height = wanted.height;
        var steps = [];
        if (box.style.height !== height) {
            box.style.height = height;
            steps.push(function () { return window.Plotly.Plots.resize(gd); });
        }
        if (!same(pick(gd.layout, Object.keys(layout)), layout)) {
            steps.push(function () { return window.Plotly.relayout(gd, layout); });
        }
        if (!same(barOf(gd), bar)) {
            steps.push(function () { return window.Plotly.restyle(gd, restyleValues(bar), [0]); });
        }
        if (!steps.length) {
            box.setAttribute("data-map-layout", narrow ? "narrow" : "wide");
            return;
        }
        gd.fittingPhone = true;
        steps.reduce(function (done, step) { return done.then(step); }, Promise.resolve())
            .then(function () {
                gd.fittingPhone = false;
                box.setAttribute("data-map-layout", narrow ? "narrow" : "wide");
            }, function () { gd.fittingPhone = false; });
    }

    function hook() {
        var gd = plot();
        if (gd && gd.on && !gd.phoneHooked) {
            gd.phoneHooked = true;
            gd.on("plotly_afterplot", fit);
            fit();
        }
    }

    new MutationObserver(hook).observe(document.documentElement, {childList: true, subtree: true});
    window.addEventListener("resize", fit);
})();
