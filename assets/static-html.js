// The browser half of dashboard/ui/static_html.py: one component whose content is markup the server
// wrote (and escaped), in place of hundreds of Dash elements; and in-app navigation, as dcc.Link
// gives it, for the links in that markup.
(function () {
    "use strict";
    var TAGS = {div: true, table: true, tbody: true, datalist: true};

    function StaticHtml(props) {
        var attributes = {id: props.id, className: props.className, role: props.role,
                          dangerouslySetInnerHTML: {__html: props.html || ""}};
        Object.keys(props).forEach(function (key) {
            if (key.indexOf("data-") === 0 || key.indexOf("aria-") === 0) {
                attributes[key] = props[key];
            }
        });
        return React.createElement(TAGS[props.tag] ? props.tag : "div", attributes);
    }

    window.sdg_static_html = {StaticHtml: StaticHtml};

    // a plain click on a link the server marked: the page changes as a dcc.Link changes it (the URL is
    // pushed and Dash's locations hear of it); modified clicks open tabs and windows as usual
    document.addEventListener("click", function (event) {
        var link = event.target && event.target.closest ? event.target.closest("a[data-app-link]") : null;
        if (!link || event.defaultPrevented || event.button !== 0 ||
                event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
            return;
        }
        event.preventDefault();
        window.history.pushState({}, "", link.getAttribute("href"));
        window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
        window.scrollTo(0, 0);
    });
}());
