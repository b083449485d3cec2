// Overview page. Lives in a file (not an inline script) so a strict CSP works.
// - syncUrl: keep the address bar in step with the filters, without a reload, so the URL can be
//   copied and sent; each filter change is a history entry, so Back undoes the last one.
// - mapClicked / taps: a mouse click on a province opens it; a tap (touch or pen) first selects it
//   and shows its panel (the tooltip a touch screen cannot show), a second tap on it opens it; in
//   meeting mode the map only selects, so the meeting never leaves its page.
(function () {
    "use strict";
    var lastPointer = "mouse";
    var selected = null;
    var touchStart = null;
    var TAP_SLOP = 12;  // px a finger may move and still tap (more is a scroll or a swipe)

    function meeting() {
        return Boolean(document.getElementById("present-root"));
    }

    function decide(code) {
        // [what to open (clickData shape) or no_update, the selected province]
        var none = window.dash_clientside.no_update;
        var touch = lastPointer === "touch" || lastPointer === "pen";
        if (meeting() || (touch && selected !== code)) {
            selected = code;
            return [none, code];
        }
        selected = code;
        return [{points: [{customdata: code}]}, code];
    }

    document.addEventListener("pointerdown", function (event) {
        lastPointer = event.pointerType || "mouse";
    }, true);

    document.addEventListener("touchstart", function (event) {
        var touch = event.changedTouches && event.changedTouches[0];
        touchStart = touch ? {x: touch.clientX, y: touch.clientY} : null;
        lastPointer = "touch";
    }, {capture: true, passive: true});

    // A tap on a province is handled here, from the touch itself: browsers differ in whether (and
    // where) they turn a tap into the mouse events plotly listens to.
    document.addEventListener("touchend", function (event) {
        var target = event.target;
        var path = target && target.closest ? target.closest("#province-map .choroplethlocation") : null;
        var touch = event.changedTouches && event.changedTouches[0];
        if (!path || !touch || !touchStart || !window.dash_clientside || !window.dash_clientside.set_props) {
            return;
        }
        if (Math.abs(touch.clientX - touchStart.x) > TAP_SLOP || Math.abs(touch.clientY - touchStart.y) > TAP_SLOP) {
            return;
        }
        var gd = path.closest(".js-plotly-plot");
        var paths = gd ? gd.querySelectorAll(".choroplethlocation") : [];
        var index = Array.prototype.indexOf.call(paths, path);
        var code = gd && gd.data && gd.data[0] && gd.data[0].locations ? gd.data[0].locations[index] : null;
        if (!code) {
            return;
        }
        event.preventDefault();  // no emulated mouse click after the tap: it would be a second tap
        lastPointer = "touch";
        var outcome = decide(String(code));
        if (outcome[0] !== window.dash_clientside.no_update) {
            window.dash_clientside.set_props("map-open", {data: outcome[0]});
        }
        window.dash_clientside.set_props("map-selected", {data: outcome[1]});
    }, {capture: true, passive: false});

    window.dash_clientside = Object.assign({}, window.dash_clientside, {
        overview: {
            syncUrl: function (query) {
                if (typeof query !== "string") {
                    return window.dash_clientside.no_update;
                }
                var target = window.location.pathname + (query ? "?" + query : "");
                var current = window.location.pathname + window.location.search;
                if (target !== current) {
                    var kept = new URLSearchParams(window.location.search);
                    // meeting mode's own parameters stay as they are
                    var extra = ["present", "pilot", "agenda"].filter(function (key) { return kept.has(key); });
                    if (extra.length) {
                        var params = new URLSearchParams(query);
                        extra.forEach(function (key) { params.set(key, kept.get(key)); });
                        target = window.location.pathname + "?" + params.toString().replace(/%2C/g, ",");
                    }
                    if (target !== current) {
                        window.history.pushState(window.history.state, "", target);
                    }
                }
                return query;
            },
            mapClicked: function (clickData) {
                var point = clickData && clickData.points && clickData.points[0];
                var code = point ? String(point.customdata) : "";
                if (!/^[0-9]{2}$/.test(code)) {
                    return [window.dash_clientside.no_update, window.dash_clientside.no_update];
                }
                return decide(code);
            }
        }
    });
})();
