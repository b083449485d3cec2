// The camera button saves the server's PNG of the chart: the figure carries, in layout.meta, its
// file name (export_name) and the URL of the server's render of the same view (export_url), both
// set by the server with every filter change. A browser cannot draw the Sarabun web font into
// plotly's canvas export (Thai came out in a fallback font, with labels cut), so a click on the
// camera button (found by its icon: its title follows plotly's locale) saves the server's PNG
// under the same name instead. A figure without export_url, or a server that cannot draw it, gets
// plotly's own export; a busy server is asked again, and then the page says it is busy.
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

    // The server answers a busy moment (all its export slots taken) with 429 and Retry-After: the
    // image is asked for again after that wait, a couple of times, and if the server still refuses,
    // the page says so (#export-status, a live region) instead of saving plotly's own export, which
    // a browser draws in a fallback font. Any other failure (the server cannot draw this chart) gets
    // plotly's export under the same name.
    var RETRIES = 2;
    var DEFAULT_WAIT_S = 5;
    var MAX_WAIT_S = 30;
    var SAVED_SHOWN_MS = 8000;
    var clearTimer = null;

    function say(state, values) {
        var box = document.getElementById("export-status");
        if (!box) { return; }
        var text = state ? box.getAttribute("data-" + state) || "" : "";
        Object.keys(values || {}).forEach(function (key) { text = text.split("{" + key + "}").join(values[key]); });
        window.clearTimeout(clearTimer);
        box.textContent = text;
        box.setAttribute("data-state", state || "");
        if (state === "saved") {
            clearTimer = window.setTimeout(function () { say(""); }, SAVED_SHOWN_MS);
        }
    }

    function serverImage(gd, url, options, attempt) {
        var filename = (options.filename || "sdg-chart") + ".png";
        var fallback = function () { window.Plotly.downloadImage(gd, options); };
        // the figure's own export address, on this server only (never another host)
        var ownUrl = new URL(url, window.location.href);
        if (ownUrl.origin !== window.location.origin) {
            fallback();
            return;
        }
        window.fetch(ownUrl, {credentials: "same-origin"}).then(function (response) {
            var type = response.headers.get("Content-Type") || "";
            if (response.ok && type.indexOf("image/png") === 0) {
                return response.blob().then(function (blob) {
                    save(blob, filename);
                    say("saved", {name: filename});
                });
            }
            if (response.status !== 429) {
                fallback();
                return undefined;
            }
            if (attempt >= RETRIES) {
                say("refused");
                return undefined;
            }
            var seconds = Math.min(MAX_WAIT_S, parseInt(response.headers.get("Retry-After"), 10) || DEFAULT_WAIT_S);
            say("retrying", {seconds: seconds});
            window.setTimeout(function () { serverImage(gd, url, options, attempt + 1); }, seconds * 1000);
            return undefined;
        }).catch(fallback);
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
            say("");
            serverImage(gd, meta.export_url, options, 0);
        }
    }, true);
})();
