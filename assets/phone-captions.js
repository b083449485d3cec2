// A chart's caption (sample notice, source, boundary credit) is lines of SVG text under the plot,
// which plotly does not wrap: on a phone they ran past the card's right edge. On a phone-sized
// screen the lines are shown as page text under the chart, which wraps, and the chart gives back the
// room it kept for them; wider again, the chart's own caption lines return. Exports are drawn by
// the server with their captions and are not affected. The lines are hidden in the figure before
// plotly draws it (window.sdgFigureHooks, applied by assets/staggered-draws.js), so a phone draws each
// chart once; the check after each drawing puts the lines on the page and catches what is left.
(function () {
    "use strict";
    var PHONE = "(max-width: 575.98px)";  // Bootstrap's extra-small screens
    var CAPTION = "export-caption";       // the caption lines' annotation name (dashboard/exports/captions.py)
    var LINE_PX = 18;                     // as the server lays the lines out
    var BOTTOM_PAD = 14;
    var GAP_PX = 8;                       // under the plot once the lines are gone
    var phone = window.matchMedia(PHONE);

    function captionIndices(layout) {
        var notes = (layout && layout.annotations) || [];
        var found = [];
        for (var i = 0; i < notes.length; i += 1) {
            if (notes[i] && notes[i].name === CAPTION) {
                found.push(i);
            }
        }
        return found;
    }

    function plainText(markup) {
        // the lines are HTML-escaped for plotly; as page text they are set with textContent
        return new DOMParser().parseFromString(String(markup), "text/html").body.textContent || "";
    }

    function captionBox(gd, create) {
        var graph = gd.closest(".dash-graph") || gd.parentElement;
        var box = graph && graph.nextElementSibling;
        if (box && box.classList.contains("phone-caption")) {
            return box;
        }
        if (!create || !graph) {
            return null;
        }
        box = document.createElement("div");
        box.className = "phone-caption small text-muted px-3 pb-2";
        graph.insertAdjacentElement("afterend", box);
        return box;
    }

    function showLines(gd, lines) {
        var box = captionBox(gd, true);
        if (!box) {
            return;
        }
        var wanted = lines.join("\n");
        if (box.getAttribute("data-lines") === wanted) {
            return;
        }
        box.setAttribute("data-lines", wanted);
        box.textContent = "";
        lines.forEach(function (line) {
            var div = document.createElement("div");
            div.textContent = line;
            box.appendChild(div);
        });
    }

    // What the caption lines need on this screen (hidden or shown, and the room under the plot that
    // goes with that), or null when they are as they should be.
    function wanted(layout, found) {
        var notes = layout.annotations;
        // the room under the plot before the lines: the first line sits 4 px below it
        var below = -(notes[found[0]].yshift || 0) - 4;
        var hidden = found.every(function (i) { return notes[i].visible === false; });
        if (phone.matches) {
            return hidden ? null : {visible: false, marginB: below + GAP_PX};
        }
        return hidden ? {visible: true, marginB: below + 4 + found.length * LINE_PX + BOTTOM_PAD} : null;
    }

    function fit(gd) {
        if (!gd.layout || !gd.data || !window.Plotly) {
            return;
        }
        var found = captionIndices(gd.layout);
        var notes = gd.layout.annotations || [];
        if (!found.length) {
            var stale = captionBox(gd, false);
            if (stale) {
                stale.remove();
            }
            return;
        }
        if (phone.matches) {
            showLines(gd, found.map(function (i) { return plainText(notes[i].text); }));
        } else {
            var box = captionBox(gd, false);
            if (box) {
                box.remove();
            }
        }
        var change = wanted(gd.layout, found);
        if (!change) {
            return;
        }
        var update = {};
        found.forEach(function (i) { update["annotations[" + i + "].visible"] = change.visible; });
        update["margin.b"] = change.marginB;
        window.Plotly.relayout(gd, update);
    }

    // The same change made to a copy of the figure before it is drawn (Dash's objects stay as sent).
    function beforeDraw(gd, figure) {
        var layout = figure.layout;
        var found = captionIndices(layout);
        var change = found.length ? wanted(layout, found) : null;
        if (!change) {
            return figure;
        }
        var notes = layout.annotations.slice();
        found.forEach(function (i) { notes[i] = Object.assign({}, notes[i], {visible: change.visible}); });
        var margin = Object.assign({}, layout.margin, {b: change.marginB});
        return Object.assign({}, figure, {layout: Object.assign({}, layout, {annotations: notes, margin: margin})});
    }

    // before phone-map.js's hook (name order in the bundle), which sizes the map's box from margin.b
    (window.sdgFigureHooks = window.sdgFigureHooks || []).push(beforeDraw);

    function hookAll() {
        var plots = document.querySelectorAll(".js-plotly-plot");
        for (var i = 0; i < plots.length; i += 1) {
            var gd = plots[i];
            if (gd.on && !gd.captionHooked) {
                gd.captionHooked = true;
                gd.on("plotly_afterplot", fit.bind(null, gd));
                fit(gd);
            }
        }
    }

    function fitAll() {
        var plots = document.querySelectorAll(".js-plotly-plot");
        for (var i = 0; i < plots.length; i += 1) {
            fit(plots[i]);
        }
    }

    new MutationObserver(hookAll).observe(document.documentElement, {childList: true, subtree: true});
    if (phone.addEventListener) {
        phone.addEventListener("change", fitAll);
    }
})();
