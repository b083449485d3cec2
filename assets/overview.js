// Overview page: keep the address bar in step with the filters, without a reload, so the
// URL can be copied and sent. Lives in a file (not an inline script) so a strict CSP works.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    overview: {
        syncUrl: function (query) {
            if (typeof query !== "string") {
                return window.dash_clientside.no_update;
            }
            var target = window.location.pathname + (query ? "?" + query : "");
            if (target !== window.location.pathname + window.location.search) {
                window.history.replaceState(window.history.state, "", target);
            }
            return query;
        }
    }
});
