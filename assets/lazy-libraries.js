// Component libraries that only some pages draw (the server lists them in #lazy-libraries instead
// of loading them on every page): each of their components is a stand-in that fetches the library's
// bundle, from this origin, once the component comes within half a screen of the viewport (as the
// charts wait, assets/staggered-draws.js) or the page is printed, then renders the real component.
// Until then it draws an empty box of the component's size, so the page does not jump. The province
// page's projects grid lies screens below the top: setting it up at load was half a second of a
// desktop's time in which the page ignored input. A keyboard or screen-reader user reaching the grid
// passes its search box just above it, which brings the grid near.
(function () {
    "use strict";
    var AHEAD = "50% 0px";
    var listing = document.getElementById("lazy-libraries");
    var libraries = listing ? JSON.parse(listing.textContent || "{}") : {};

    function loadScript(src) {
        return new Promise(function (resolve, reject) {
            var script = document.createElement("script");
            script.src = src;
            script.async = true;
            script.onload = resolve;
            script.onerror = function () { reject(new Error("could not load " + src)); };
            document.head.appendChild(script);
        });
    }

    function standIn(namespace, type, load) {
        var Real = React.lazy(function () {
            return load().then(function (library) { return {default: library[type]}; });
        });
        function Placeholder(props) {
            return React.createElement("div", {id: props.id, className: props.className, style: props.style});
        }
        function StandIn(props) {
            var box = React.useRef(null);
            var shown = React.useState(typeof window.IntersectionObserver !== "function");
            var near = shown[0];
            var setNear = shown[1];
            React.useEffect(function () {
                if (near || !box.current) {
                    return undefined;
                }
                var observer = new window.IntersectionObserver(function (entries) {
                    if (entries.some(function (entry) { return entry.isIntersecting; })) {
                        setNear(true);
                    }
                }, {rootMargin: AHEAD});
                function printing() { setNear(true); }
                observer.observe(box.current);
                window.addEventListener("beforeprint", printing);
                return function () {
                    observer.disconnect();
                    window.removeEventListener("beforeprint", printing);
                };
            }, [near]);
            if (!near) {
                return React.createElement("div", {id: props.id, className: props.className, style: props.style,
                                                   ref: box});
            }
            return React.createElement(React.Suspense, {fallback: React.createElement(Placeholder, props)},
                                       React.createElement(Real, props));
        }
        StandIn.displayName = "Lazy(" + namespace + "." + type + ")";
        return StandIn;
    }

    Object.keys(libraries).forEach(function (namespace) {
        if (window[namespace]) {
            return;  // already loaded the ordinary way
        }
        var entry = libraries[namespace];
        var pending = null;
        function load() {
            pending = pending || loadScript(entry.src).then(function () {
                if (!window[namespace] || window[namespace] === standIns) {
                    throw new Error(entry.src + " did not define " + namespace);
                }
                return window[namespace];
            });
            return pending;
        }
        var standIns = {};
        entry.components.forEach(function (type) { standIns[type] = standIn(namespace, type, load); });
        window[namespace] = standIns;
    });
}());
