// The overview map on a phone: beside a narrow map the colour bar and the pilot legend took half the
// width, and Thailand (a tall country) was drawn about 200 px high. On a phone-sized screen,
// the map gets the whole width and the top of a taller box, and the colour bar and legend go under it
// (never over a province); wider again, the server's layout comes back. A filter change replaces the
// colour bar (the server's Patch), so the layout is checked again after every redraw. Meeting mode
// sizes the map itself (assets/present.js) and is left alone. On a phone the narrow layout is put into
// the figure before plotly draws it (window.sdgFigureHooks, applied by assets/staggered-draws.js), so
// the map is drawn once, not drawn and then moved; turning or resizing the screen relayouts it here.
(function () {
    "use strict";
    var PHONE = "(max-width: 575.98px)";  // Bootstrap's extra-small screens, where every card is full width
    var MAP_PX = 440;     // the map's own height on a phone: Thailand drawn about 250 px wide
    var TICK_PX = 28;     // per colour-bar label (15 px Thai type with its marks): the change map has twelve
    var BAR_TITLE_PX = 40;
    var LEGEND_PX = 44;   // the pilot legend, at the bottom

    function narrowSettings(layout, trace) {
        // the map on top across the whole width; the colour bar, then the pilot legend, under it
        var margin = layout.margin || {};
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

    function barOf(trace) {
        return pick({colorbar: (trace && trace.colorbar) || {}}, BAR_KEYS);
    }

    function withValues(source, values) {
        // a copy of source with each dotted key set, copying only the objects along the keys' paths
        var out = Object.assign({}, source);
        Object.keys(values).forEach(function (key) {
            var parts = key.split(".");
            var node = out;
            for (var i = 0; i < parts.length - 1; i += 1) {
                node[parts[i]] = Object.assign({}, node[parts[i]]);
                node = node[parts[i]];
            }
            node[parts[parts.length - 1]] = values[key];
        });
        return out;
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

    function keepWide(gd, layout, trace, box) {
        if (!gd.wideLayout) {  // the server's layout, for when the screen turns or widens again
            gd.wideLayout = {layout: pick(layout, LAYOUT_KEYS), bar: barOf(trace), height: box.style.height};
        }
    }

    // A copy of the figure about to be drawn with the phone's layout, its box already at the phone's
    // height.
    function beforeDraw(gd, figure) {
        var box = document.getElementById("province-map");
        var trace = figure.data[0];
        if (!box || !box.contains(gd) || !trace || document.getElementById("present-root")) {
            return figure;
        }
        keepWide(gd, figure.layout, trace, box);  // from the server's figure, before any change
        if (!window.matchMedia(PHONE).matches) {
            return figure;
        }
        var wanted = narrowSettings(figure.layout, trace);
        box.style.height = wanted.height;
        var data = figure.data.slice();
        data[0] = withValues(trace, wanted.bar);
        return Object.assign({}, figure, {data: data, layout: withValues(figure.layout, wanted.layout)});
    }

    (window.sdgFigureHooks = window.sdgFigureHooks || []).push(beforeDraw);

    function fit() {
        var gd = plot();
        var box = document.getElementById("province-map");
        if (!gd || !box || !gd.data || !gd.data.length || !gd.layout || !window.Plotly
            || document.getElementById("present-root") || gd.fittingPhone) {
            return;
        }
        keepWide(gd, gd.layout, gd.data[0], box);
        var narrow = window.matchMedia(PHONE).matches;
        var wanted = narrow ? narrowSettings(gd.layout, gd.data[0]) : gd.wideLayout;
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
        if (!same(barOf(gd.data[0]), bar)) {
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
