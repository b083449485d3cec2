// The camera button saves the server's PNG of the chart: the figure carries, in layout.meta, its
// file name (export_name) and the URL of the server's render of the same view (export_url), both
// set by the server with every filter change. A browser cannot draw the Sarabun web font into
// plotly's canvas export (Thai came out in a fallback font, with labels cut), so a click on the
// camera button (found by its icon: its title follows plotly's locale) saves the server's PNG
// under the same name instead. A figure without export_url, or a server that cannot answer, gets
// plotly's own export.
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

    function save(blob, filename) {
        var url = URL.createObjectURL(blob);
        var link = document.createElement("a");
        link.href = url;
        link.download = filename;
        link.hidden = true;
        document.body.appendChild(link);
        link.click();
        link.remove();
        window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    }

    // Loaded as an image (so a busy or failing server is noticed: then plotly's own export runs),
    // copied pixel for pixel onto a canvas and saved under the camera's file name.
    function serverImage(gd, url, options) {
        var filename = (options.filename || "sdg-chart") + ".png";
        var fallback = function () { window.Plotly.downloadImage(gd, options); };
        var image = new Image();
        image.onload = function () {
            var canvas = document.createElement("canvas");
            canvas.width = image.naturalWidth;
            canvas.height = image.naturalHeight;
            canvas.getContext("2d").drawImage(image, 0, 0);
            canvas.toBlob(function (blob) {
                if (blob) { save(blob, filename); } else { fallback(); }
            }, "image/png");
        };
        image.onerror = fallback;
        image.src = url;
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
            serverImage(gd, meta.export_url, options);
        }
    }, true);
})();
