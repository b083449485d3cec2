// Loaded after assets/plotly-sdg.min.js (Dash loads assets in name order), whose Plotly it wraps.
// Each chart's first drawing runs in a task of its own. Dash mounts every graph of a page in one
// render, so plotly drew all of them (the map and five charts on the overview) in one long task of
// about half a second on a desktop and seconds on a phone, in which the page ignored taps and keys.
// Drawn one per task, in page order (the map first), the browser can answer input between them.
// Later drawings of a chart run as before, after its first one.
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

    Plotly.react = function (gd) {
        var self = this;
        var args = arguments;
        if (!gd || typeof gd !== "object") {
            return react.apply(self, args);
        }
        if (gd._fullLayout && !gd.sdgFirstDraw) {
            return react.apply(self, adjusted(gd, args));
        }
        // not drawn yet: wait for the next task, or behind the first drawing still waiting
        var before = gd.sdgFirstDraw || nextTask();
        var drawn = before.then(function () {
            return gd.isConnected ? react.apply(self, adjusted(gd, args)) : gd;
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
