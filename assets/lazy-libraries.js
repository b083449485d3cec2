// Components that load what they need only when they come near (the server lists them in
// #lazy-libraries, dashboard/server/lazy_scripts.py). Each is a stand-in that, once the component
// comes within half a screen of the viewport (as the charts wait, assets/staggered-draws.js) or the
// page is printed, loads what it needs from this origin, then renders the real component. Until then
// it draws an empty box of the component's size, so the page does not jump.
// Two kinds are listed:
// - a library only some pages draw ("src"): the province page's projects grid lies screens below the
//   top, and setting it up at load was half a second of a desktop's time in which the page ignored
//   input. A keyboard or screen-reader user reaching the grid passes its search box just above it,
//   which brings the grid near.
// - components of a library every page loads that need other scripts ("needs"): the charts need
//   plotly.js, which the page's script loader leaves out when no chart is near at first (on a phone,
//   none of the overview's is). Where the loader ran them, the charts render at once. Otherwise they
//   are fetched when the page is idle, and run when a chart comes near.
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

    function inPage(src) {
        return Array.prototype.some.call(document.scripts, function (script) {
            return script.getAttribute("src") === src;
        });
    }

    // A stand-in for a component: `load()` is a promise of the real component; optional, `loaded()`
    // the real component if it can render at once, `elsewhere` a promise kept when another stand-in
    // has loaded what it needs (the component then renders without waiting to come near), `boxClass`
    // the classes of its box while it waits.
    function standIn(name, options) {
        var load = options.load;
        var loaded = options.loaded || function () { return null; };
        var boxClass = options.boxClass || "";
        var Real = React.lazy(function () {
            return load().then(function (component) { return {default: component}; });
        });
        function boxProps(props, ref) {
            var classes = [boxClass, props.className].filter(Boolean).join(" ");
            return {id: props.id, className: classes || undefined, style: props.style, ref: ref};
        }
        function Placeholder(props) {
            return React.createElement("div", boxProps(props));
        }
        function StandIn(props) {
            var box = React.useRef(null);
            var direct = React.useState(loaded)[0];  // decided once: switching would mount it anew
            var shown = React.useState(!!direct || typeof window.IntersectionObserver !== "function");
            var near = shown[0];
            var setNear = shown[1];
            React.useEffect(function () {
                if (near || !box.current) {
                    return undefined;
                }
                var gone = false;
                if (options.elsewhere) {
                    options.elsewhere.then(function () {
                        if (!gone) {
                            setNear(true);
                        }
                    });
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
                    gone = true;
                    observer.disconnect();
                    window.removeEventListener("beforeprint", printing);
                };
            }, [near]);
            if (direct) {
                return React.createElement(direct, props);
            }
            if (!near) {
                return React.createElement("div", boxProps(props, box));
            }
            return React.createElement(React.Suspense, {fallback: React.createElement(Placeholder, props)},
                                       React.createElement(Real, props));
        }
        StandIn.displayName = "Lazy(" + name + ")";
        return StandIn;
    }

    function lazyLibrary(namespace, entry) {
        if (window[namespace]) {
            return;  // already loaded the ordinary way
        }
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
        entry.components.forEach(function (type) {
            standIns[type] = standIn(namespace + "." + type, {load: function () {
                return load().then(function (library) { return library[type]; });
            }});
        });
        window[namespace] = standIns;
    }

    function waitingComponents(namespace, entry) {
        var pending = null;
        var settled = false;
        var loaded = null;
        var elsewhere = new Promise(function (resolve) { loaded = resolve; });
        function ready() {  // run by the page's loader, or loaded here (not merely inserted: still running)
            return settled || (pending === null && entry.needs.every(inPage));
        }
        function load() {  // the scripts in their order, each once
            pending = pending || entry.needs.reduce(function (done, src) {
                return done.then(function () { return inPage(src) ? null : loadScript(src); });
            }, Promise.resolve()).then(function () {
                settled = true;
                window.dispatchEvent(new Event("sdg-scripts-loaded"));
                loaded();
            });
            return pending;
        }
        function wrap(library) {
            if (!library || typeof library !== "object") {
                return library;
            }
            var wrapped = {};
            Object.keys(library).forEach(function (key) { wrapped[key] = library[key]; });
            entry.components.forEach(function (type) {
                var Real = library[type];
                if (typeof Real !== "function" && typeof Real !== "object") {
                    return;
                }
                var Waiting = standIn(namespace + "." + type, {
                    load: function () { return load().then(function () { return Real; }); },
                    loaded: function () { return ready() ? Real : null; },
                    elsewhere: elsewhere,
                    boxClass: entry.boxClass
                });
                Object.keys(Real).forEach(function (key) {  // defaultProps and the like, read by Dash
                    Waiting[key] = Real[key];
                });
                // Dash holds back callbacks on a component until its code has loaded: only when it
                // is being drawn, not while it waits to come near
                Object.defineProperty(Waiting, "_dashprivate_isLazyComponentReady", {
                    get: function () { return ready() ? Real._dashprivate_isLazyComponentReady : true; }
                });
                wrapped[type] = Waiting;
            });
            return wrapped;
        }
        // a page printed before the charts' scripts ran: they draw every chart once they have run
        // (assets/staggered-draws.js), so the next print shows them all
        window.addEventListener("beforeprint", function () {
            if (!ready()) {
                window.sdgDrawAll = true;
            }
        });
        // the library is defined after this script runs: wrap it as it is
        var current = wrap(window[namespace]);
        Object.defineProperty(window, namespace, {
            configurable: true, enumerable: true,
            get: function () { return current; },
            set: function (library) { current = wrap(library); }
        });
        // fetched (not run) once the page is idle, so that a chart coming near draws without waiting for
        // the network
        function prefetch() {
            entry.needs.forEach(function (src) {
                if (inPage(src) || document.querySelector('link[rel="prefetch"][href="' + src + '"]')) {
                    return;
                }
                var hint = document.createElement("link");
                hint.rel = "prefetch";
                hint.href = src;
                document.head.appendChild(hint);
            });
        }
        function whenIdle() {
            (window.requestIdleCallback || function (run) { window.setTimeout(run, 1000); })(prefetch);
        }
        if (document.readyState === "complete") {
            whenIdle();
        } else {
            window.addEventListener("load", whenIdle);
        }
    }

    Object.keys(libraries).forEach(function (namespace) {
        var entry = libraries[namespace];
        if (entry.needs) {
            waitingComponents(namespace, entry);
        } else {
            lazyLibrary(namespace, entry);
        }
    });
}());
