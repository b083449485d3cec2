// Meeting mode (?present=1 on the overview): arrow keys, presentation clickers (PageUp/PageDown) and
// horizontal swipes click the step buttons that a Dash callback listens to; Esc follows the exit link.
// The province shown is written into the address (&pilot=50, replacing the entry: stepping is not
// navigating), so Back from elsewhere and reload come back to it.
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

    // Projector type: every text on the map at least 22 px (its title and filters line are page text,
    // set large by present.css, which also hides the caption lines: the page's banner says it is sample
    // data), the map as large as its box allows.
    var PROJECTOR_FONT = 22;
    var GEO_PAD = 0.38;  // degrees of the overview map's 0.4 padding around the country given back

    function enlarge() {
        var gd = document.querySelector("#province-map .js-plotly-plot");
        if (!gd || !gd.data || !gd.layout || !window.Plotly || gd.presentEnlarged) {
            return;
        }
        gd.presentEnlarged = true;
        var geo = gd.layout.geo || {};
        var lat = geo.lataxis && geo.lataxis.range;
        var lon = geo.lonaxis && geo.lonaxis.range;
        var tight = lat && lon ? {  // the country edge to edge: the page's margin is enough
            "geo.lataxis.range": [lat[0] + GEO_PAD, lat[1] - GEO_PAD],
            "geo.lonaxis.range": [lon[0] + GEO_PAD, lon[1] - GEO_PAD]
        } : {};
        window.Plotly.relayout(gd, tight);
        window.Plotly.relayout(gd, {
            "font.size": PROJECTOR_FONT, "legend.font.size": PROJECTOR_FONT, "margin.b": 4, "margin.t": 0
        });
        window.Plotly.restyle(gd, {"colorbar.tickfont.size": PROJECTOR_FONT,
                                   "colorbar.title.font.size": PROJECTOR_FONT}, [0]);
        fitHeight();
    }

    // The map takes the rest of the screen below the headline figures, whatever the screen.
    function fitHeight() {
        var box = document.getElementById("province-map");
        if (!box || !document.getElementById("present-root")) {
            return;
        }
        var top = box.getBoundingClientRect().top + window.scrollY;
        var height = Math.max(320, Math.floor(window.innerHeight - top - 8));
        box.style.setProperty("height", height + "px", "important");
        var gd = box.querySelector(".js-plotly-plot");
        if (gd && window.Plotly && window.Plotly.Plots) {
            window.Plotly.Plots.resize(gd);
        }
    }

    window.addEventListener("resize", fitHeight);

    new MutationObserver(function () {
        if (document.getElementById("present-root")) {
            enlarge();
            highlight();
        } else {
            shown = null;
        }
    }).observe(document.documentElement, {childList: true, subtree: true});

    var SWIPE = 60;  // px of horizontal travel, more than vertical, that make a swipe
    var swipeStart = null;

    document.addEventListener("touchstart", function (event) {
        var touch = event.changedTouches && event.changedTouches[0];
        swipeStart = touch && document.getElementById("present-root") ? {x: touch.clientX, y: touch.clientY} : null;
    }, {passive: true});

    document.addEventListener("touchend", function (event) {
        var touch = event.changedTouches && event.changedTouches[0];
        if (!swipeStart || !touch || !document.getElementById("present-root")) {
            return;
        }
        var dx = touch.clientX - swipeStart.x;
        var dy = touch.clientY - swipeStart.y;
        swipeStart = null;
        if (Math.abs(dx) >= SWIPE && Math.abs(dx) > 1.5 * Math.abs(dy)) {
            press(dx < 0 ? "present-next" : "present-prev");
        }
    }, {passive: true});

    window.dash_clientside = Object.assign({}, window.dash_clientside, {
        present: {
            syncPilot: function (code) {
                if (typeof code !== "string" || !/^[0-9]{2}$/.test(code)) {
                    return window.dash_clientside.no_update;
                }
                var params = new URLSearchParams(window.location.search);
                params.set("pilot", code);
                var target = window.location.pathname + "?" + params.toString().replace(/%2C/g, ",");
                window.history.replaceState(window.history.state, "", target);
                return code;
            }
        }
    });

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
