// Loaded after assets/plotly-sdg.min.js (Dash loads assets in name order), whose Plotly it wraps.
// Each chart's first drawing runs in a task of its own. Dash mounts every graph of a page in one
// render, so plotly drew all of them (the map and five charts on the overview) in one long task of
// about half a second on a desktop and seconds on a phone, in which the page ignored taps and keys.
// Drawn one per task, in page order (the map first), the browser can answer input between them.
// A chart further than a screen's height from the viewport waits until scrolling brings it that
// near (or the page is printed): on a phone none of the overview's charts is on screen at first,
// and drawing them all cost seconds of a slow phone's time before it answered a tap. Their boxes
// keep their size (the server sets each graph's height), so nothing moves when they draw. A page
// printed before plotly.js had run (window.sdgDrawAll, set by assets/lazy-libraries.js) draws every
// chart as it comes.
// Later drawings of a chart run as before, after its first one; a figure that arrives before the
// first drawing replaces the one waiting, so the newest figure is the one drawn.
// Every drawing first passes the figure through window.sdgFigureHooks (functions (gd, figure) ->
// figure, set by the app's scripts, which run before this one): a phone's changes to a chart are then
// part of its one drawing, not a relayout that draws it again.
(function () {
    "use strict";
    var Plotly = window.Plotly;
    if (!Plotly || typeof Plotly.react !== "function") {
        return;
    }
    var react = Plotly.react;
    var AHEAD = 0.5;  // of a screen's height, above and below the viewport
    var MARGIN = (AHEAD * 100) + "% 0px";

    function adjusted(gd, args) {
        // Dash draws with Plotly.react(gd, {data, layout, frames, config}); other forms pass through
        var hooks = window.sdgFigureHooks;
        var figure = args[1];
        if (args.length !== 2 || !hooks || !hooks.length || !figure || typeof figure !== "object"
            || Array.isArray(figure) || !figure.layout || !Array.isArray(figure.data)) {
            return args;
        }
        for (var i = 0; i < hooks.length; i += 1) {
            try {
                figure = hooks[i](gd, figure) || figure;
            } catch (err) {  // a broken hook must not cost the chart: the afterplot checks still fit it
                if (window.console) {
                    window.console.error(err);
                }
            }
        }
        return [gd, figure];
    }

    function nextTask() {
        return new Promise(function (resolve) {
            window.setTimeout(resolve, 0);
        });
    }

    // Charts waiting for the viewport: gd -> function that lets it draw.
    var waiting = new Map();
    var observer = typeof window.IntersectionObserver === "function"
        ? new window.IntersectionObserver(function (entries) {
            entries.forEach(function (entry) {
                var release = entry.isIntersecting && waiting.get(entry.target);
                if (release) {
                    release();
                }
            });
        }, {rootMargin: MARGIN})
        : null;

    function near(gd) {
        var box = gd.getBoundingClientRect();
        var screen = window.innerHeight || document.documentElement.clientHeight;
        return box.bottom >= -AHEAD * screen && box.top <= (1 + AHEAD) * screen;
    }

    // Resolves in a task of its own once gd may draw: at once when it is on or near the screen.
    function whenNear(gd) {
        if (!observer || window.sdgDrawAll || (gd.getClientRects().length && near(gd))) {
            return nextTask();
        }
        return new Promise(function (resolve) {
            waiting.set(gd, function () {
                waiting.delete(gd);
                observer.unobserve(gd);
                window.setTimeout(resolve, 0);
            });
            observer.observe(gd);
        });
    }

    // Draws the newest figure given for gd since its last drawing, if any.
    function drawNewest(gd) {
        var next = gd.sdgNext;
        gd.sdgNext = null;
        if (!next || !gd.isConnected) {
            return gd;
        }
        return react.apply(next.self, adjusted(gd, next.args));
    }

    // A printed page shows every chart: those still waiting draw now, before the page is laid out
    // for paper (synchronously, as the print layout follows this event).
    window.addEventListener("beforeprint", function () {
        Array.from(waiting.keys()).forEach(function (gd) {
            waiting.get(gd)();
            try {
                drawNewest(gd);
            } catch (err) {
                if (window.console) {
                    window.console.error(err);
                }
            }
        });
    });

    Plotly.react = function (gd) {
        var self = this;
        var args = arguments;
        if (!gd || typeof gd !== "object") {
            return react.apply(self, args);
        }
        if (gd._fullLayout && !gd.sdgFirstDraw) {
            return react.apply(self, adjusted(gd, args));
        }
        // not drawn yet: wait for the viewport, or behind the first drawing still waiting
        gd.sdgNext = {self: self, args: args};
        var before = gd.sdgFirstDraw || whenNear(gd);
        var drawn = before.then(function () {
            return drawNewest(gd);
        });
        gd.sdgFirstDraw = drawn;
        drawn.then(function () {
            if (gd.sdgFirstDraw === drawn) {
                gd.sdgFirstDraw = null;
            }
        }, function () {
            if (gd.sdgFirstDraw === drawn) {
                gd.sdgFirstDraw = null;
            }
        });
        return drawn;
    };
    Plotly.react.sdgStaggered = true;  // tests check that the page got the wrapper
})();
