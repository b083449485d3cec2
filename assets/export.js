// Camera button file names follow the filters: the figure carries its export name in
// layout.meta.export_name (set by the server with every filter change), but a dcc.Graph applies a
// changed `config` only with a new figure, so just before a modebar button acts (capture phase)
// the name is copied into the options plotly's camera button reads.
(function () {
    "use strict";
    document.addEventListener("click", function (event) {
        var button = event.target && event.target.closest ? event.target.closest(".modebar-btn") : null;
        var gd = button ? button.closest(".js-plotly-plot") : null;
        var meta = gd && gd.layout ? gd.layout.meta : null;
        var options = gd && gd._context ? gd._context.toImageButtonOptions : null;
        if (meta && typeof meta.export_name === "string" && options) {
            options.filename = meta.export_name;
        }
    }, true);
})();
