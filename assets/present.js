// Meeting mode (?present=1 on the overview): arrow keys and presentation clickers (PageUp/PageDown)
// click the hidden step buttons that a Dash callback listens to; Esc follows the exit link.
// When the callback shows a pilot, its panel names the province and the zoom (data-* attributes);
// this script outlines that province in red and zooms the map on it with Plotly.restyle/relayout.
// A file, not an inline script, so that the Content-Security-Policy can stay strict.
(function () {
    "use strict";
    var NEXT = ["ArrowRight", "ArrowDown", "PageDown"];
    var PREV = ["ArrowLeft", "ArrowUp", "PageUp"];

    function typing(target) {
        return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    }

    function press(id) {
        var button = document.getElementById(id);
        if (button) {
            button.click();
        }
        return Boolean(button);
    }

    function filled(value, n) {
        var out = [];
        for (var i = 0; i < n; i += 1) {
            out.push(Array.isArray(value) ? value[i] : value);
        }
        return out;
    }

    function ranges(text) {
        return (text || "").split(",").map(Number);
    }

    var shown = null;

    function highlight() {
        var name = document.querySelector("#present-pilot .present-pilot-name");
        var gd = document.querySelector("#province-map .js-plotly-plot");
        if (!name || !gd || !gd.data || !gd.data.length || !window.Plotly) {
            return;
        }
        var code = name.getAttribute("data-province");
        if (code === shown) {
            return;
        }
        shown = code;
        var trace = gd.data[0];
        var n = (trace.locations || []).length;
        if (!gd.presentLine) {
            var line = (trace.marker && trace.marker.line) || {};
            gd.presentLine = {color: filled(line.color, n), width: filled(line.width, n)};
        }
        var color = gd.presentLine.color.slice();
        var width = gd.presentLine.width.slice();
        var at = trace.locations.indexOf(code);
        if (at >= 0) {
            color[at] = name.getAttribute("data-color");
            width[at] = 5;
        }
        window.Plotly.restyle(gd, {"marker.line.color": [color], "marker.line.width": [width]}, [0]);
        window.Plotly.relayout(gd, {
            "geo.lonaxis.range": ranges(name.getAttribute("data-lon")),
            "geo.lataxis.range": ranges(name.getAttribute("data-lat"))
        });
        gd.setAttribute("data-present-province", code);
    }

    new MutationObserver(function () {
        if (document.getElementById("present-root")) {
            highlight();
        } else {
            shown = null;
        }
    }).observe(document.documentElement, {childList: true, subtree: true});

    document.addEventListener("keydown", function (event) {
        if (!document.getElementById("present-root") || event.altKey || event.ctrlKey || event.metaKey
            || typing(event.target)) {
            return;
        }
        var handled = false;
        if (NEXT.indexOf(event.key) >= 0) {
            handled = press("present-next");
        } else if (PREV.indexOf(event.key) >= 0) {
            handled = press("present-prev");
        } else if (event.key === "Escape") {
            var exit = document.getElementById("present-exit");
            if (exit) {
                window.location.assign(exit.href);
                handled = true;
            }
        }
        if (handled) {
            event.preventDefault();
        }
    });
})();
