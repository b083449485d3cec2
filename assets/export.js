// The camera button saves the server's PNG of the chart: the figure carries, in layout.meta, its
// file name (export_name) and the URL of the server's render of the same view (export_url), both
// set by the server with every filter change. A browser cannot draw the Sarabun web font into
// plotly's canvas export (Thai came out in a fallback font, with labels cut), so a click on the
// camera button (found by its icon: its title follows plotly's locale) downloads the server's PNG
// under the same name instead. A figure without export_url keeps plotly's own export.
(function () {
    "use strict";

    function isCamera(button) {
        var icons = window.Plotly && window.Plotly.Icons;
        var path = button.querySelector("svg path");
        return Boolean(icons && icons.camera && path && path.getAttribute("d") === icons.camera.path);
    }

    function isOwnPath(url) {
        return typeof url === "string" && url.charAt(0) === "/" && url.charAt(1) !== "/" && url.charAt(1) !== "\\";
    }

    function download(url, filename) {
        var link = document.createElement("a");
        link.href = url;
        link.download = filename;
        link.hidden = true;
        document.body.appendChild(link);
        link.click();
        link.remove();
    }

    document.addEventListener("click", function (event) {
        var button = event.target && event.target.closest ? event.target.closest(".modebar-btn") : null;
        var gd = button ? button.closest(".js-plotly-plot") : null;
        var meta = gd && gd.layout ? gd.layout.meta : null;
        var options = gd && gd._context ? gd._context.toImageButtonOptions : null;
        if (!meta || !options) { return; }
        if (typeof meta.export_name === "string") { options.filename = meta.export_name; }
        if (isCamera(button) && isOwnPath(meta.export_url)) {
            event.preventDefault();
            event.stopPropagation();
            download(meta.export_url, (options.filename || "sdg-chart") + ".png");
        }
    }, true);
})();
