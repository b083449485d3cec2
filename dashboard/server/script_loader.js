// Dash's scripts, in their order, inserted as ordered scripts (dashboard/server/index_page.py): they
// download together, run one by one in the order given, each in a task of its own, and never stop
// the parser.
// They are inserted once the first paint (the server's copy of the page) is on screen: on a fast
// connection they arrived before it, and the browser spent its first moments on 700 KB of scripts
// rather than on the text the page opens with. Before a paint, the page's stylesheets have loaded, so
// the copy is laid out as it is shown.
// The scripts that only waiting components need (listed in #lazy-libraries: plotly.js, which only the
// charts use) are left out when none of the copy's charts is within half a screen of the viewport, as
// on a phone's overview; the charts' stand-ins run them when a chart comes near
// (assets/lazy-libraries.js). Without a copy, or in a tab not shown, every script runs.
(function () {
    "use strict";
    var AHEAD = 0.5;  // of a screen's height, as the charts wait to be drawn (assets/staggered-draws.js)
    var listing = document.getElementById("dash-script-list");
    var sources = listing ? JSON.parse(listing.textContent || "[]") : [];
    var box = listing ? listing.parentNode : document.body;

    function waitingScripts() {
        var lazy = document.getElementById("lazy-libraries");
        var libraries = lazy ? JSON.parse(lazy.textContent || "{}") : {};
        return Object.keys(libraries).reduce(function (needs, namespace) {
            return needs.concat(libraries[namespace].needs || []);
        }, []);
    }

    // Whether the first paint shows a chart on or within half a screen of the viewport.
    function chartNear() {
        var copy = document.getElementById("first-paint");
        if (!copy) {
            return true;
        }
        var screen = window.innerHeight || document.documentElement.clientHeight;
        return Array.prototype.some.call(copy.querySelectorAll(".first-paint-chart"), function (chart) {
            if (!chart.getClientRects().length) {
                return false;  // not shown at this width
            }
            var rect = chart.getBoundingClientRect();
            return rect.bottom >= -AHEAD * screen && rect.top <= (1 + AHEAD) * screen;
        });
    }

    function insert(skipped) {
        sources.forEach(function (src) {
            if (skipped.indexOf(src) !== -1) {
                return;
            }
            var script = document.createElement("script");
            script.src = src;
            script.async = false;  // ordered: each runs after the ones before it
            box.appendChild(script);
        });
    }

    // Runs `then` once the first contentful paint is on screen (or, where the browser cannot tell, or
    // nothing contentful is painted, a moment after the first frame).
    function afterFirstPaint(then) {
        var done = false;
        function once() {
            if (!done) {
                done = true;
                then();
            }
        }
        var observed = typeof window.PerformanceObserver === "function"
            && (window.PerformanceObserver.supportedEntryTypes || []).indexOf("paint") !== -1;
        if (observed) {
            new window.PerformanceObserver(function (list, observer) {
                if (list.getEntriesByName("first-contentful-paint").length) {
                    observer.disconnect();
                    once();
                }
            }).observe({type: "paint", buffered: true});
        }
        window.requestAnimationFrame(function () {
            window.setTimeout(once, observed ? 1000 : 0);
        });
    }

    if (document.visibilityState === "hidden") {
        insert([]);  // no frame is drawn in a hidden tab: load at once
        return;
    }
    afterFirstPaint(function () {
        insert(chartNear() ? [] : waitingScripts());
    });
}());
