// Keyboard and screen-reader support that Dash cannot express in a layout:
// - the document's language and tab title follow the page shown (Dash swaps pages without reloading,
//   and its page router sets a title that knows nothing of the language): both come from the
//   page frame's `lang` and `data-title`;
// - after a navigation inside the app, focus moves to the page's <h1>, so a screen reader announces
//   the new page and Tab starts from its top (not on the first load: there the skip link comes first);
// - the skip link focuses the main content without changing the URL (a #hash would be page state);
// - Dash's dropdowns keep a hidden, aria-hidden input in the tab order that forwards focus to the
//   real button: the button becomes the tab stop, named by its visible label and its value;
// - data grids are named by their heading.
(function () {
    "use strict";
    var lastFrame = null;

    function frame() {
        return document.querySelector(".page-frame");
    }

    function syncDocument() {
        var current = frame();
        if (!current) {
            return;
        }
        var lang = current.getAttribute("lang");
        if (lang && document.documentElement.lang !== lang) {
            document.documentElement.lang = lang;
        }
        var title = current.getAttribute("data-title");
        if (title && document.title !== title) {
            document.title = title;
        }
        if (current !== lastFrame) {
            var first = lastFrame === null;
            lastFrame = current;
            if (!first) {
                focusHeading(current);
            }
        }
    }

    function focusHeading(root) {
        var heading = root.querySelector("h1");
        if (!heading) {
            return;
        }
        heading.setAttribute("tabindex", "-1");
        heading.focus({preventScroll: false});
    }

    function fixDropdowns() {
        var shims = document.querySelectorAll(".dash-dropdown-focus-target");
        for (var i = 0; i < shims.length; i += 1) {
            var shim = shims[i];
            if (shim.getAttribute("tabindex") !== "-1") {
                shim.setAttribute("tabindex", "-1");
            }
            var button = shim.nextElementSibling;
            if (!button || !button.classList.contains("dash-dropdown")) {
                continue;
            }
            if (!button.disabled && button.getAttribute("tabindex") !== "0") {
                button.setAttribute("tabindex", "0");
            }
            // the clear (x) link inside the button is a mouse shortcut (keys: Delete or Backspace);
            // left in, its text becomes part of the button's name
            var clear = button.querySelector(".dash-dropdown-clear");
            if (clear && clear.getAttribute("aria-hidden") !== "true") {
                clear.setAttribute("aria-hidden", "true");
            }
            var label = button.id ? document.querySelector("label[for='" + button.id + "']") : null;
            if (label) {
                // the label, then the values as the button shows them (assets/03-accessibility.css
                // wraps them all into view)
                var name = label.textContent + " " + shownTexts(button).join("");
                if (button.getAttribute("aria-label") !== name) {
                    button.removeAttribute("aria-labelledby");
                    button.setAttribute("aria-label", name);
                }
            }
        }
    }

    function shownTexts(root) {
        var texts = [];
        var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            var text = walker.currentNode.nodeValue.trim();
            var parent = walker.currentNode.parentElement;
            if (text && parent.getClientRects().length && !parent.closest("[aria-hidden='true']")) {
                texts.push(text);
            }
        }
        return texts;
    }

    // a data grid is named by the heading "<grid id>-title" above it
    function nameGrids() {
        var grids = document.querySelectorAll(".ag-root[role='grid'], .ag-root[role='treegrid']");
        for (var i = 0; i < grids.length; i += 1) {
            var box = grids[i].closest("[id]");
            var title = box ? document.getElementById(box.id + "-title") : null;
            if (title && grids[i].getAttribute("aria-labelledby") !== title.id) {
                grids[i].setAttribute("aria-labelledby", title.id);
            }
        }
    }

    // Plotly's Thai locale (dates and numbers, from plotly.js lib/locales/th.js, MIT) with the words
    // of the one toolbar button the charts keep; the page's language picks the locale.
    var THAI = {
        moduleType: "locale", name: "th",
        dictionary: {"Download plot as a PNG": "ดาวน์โหลดภาพ (PNG)", "Download plot as a png": "ดาวน์โหลดภาพ (PNG)",
                     "Download plot": "ดาวน์โหลดภาพ"},
        format: {
            days: ["อาทิตย์", "จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์"],
            shortDays: ["อา.", "จ.", "อ.", "พ.", "พฤ.", "ศ.", "ส."],
            months: ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
                     "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"],
            shortMonths: ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.",
                          "พ.ย.", "ธ.ค."],
            date: "%d/%m/%Y"
        }
    };
    var plotlyLocale = null;

    function syncPlotlyLocale() {
        if (!window.Plotly || !window.Plotly.register) {
            return;
        }
        var wanted = document.documentElement.lang === "en" ? "en" : "th";
        if (plotlyLocale === wanted) {
            return;
        }
        if (plotlyLocale === null) {
            window.Plotly.register(THAI);
        }
        plotlyLocale = wanted;
        window.Plotly.setPlotConfig({locale: wanted});
    }

    function update() {
        syncDocument();
        syncPlotlyLocale();
        fixDropdowns();
        nameGrids();
    }

    // At most once a frame: plotly draws a chart in many small DOM changes, and reading the dropdowns'
    // shown values makes the browser lay the page out, so running on each change slowed the first load.
    var pending = false;

    function scheduleUpdate() {
        if (pending) {
            return;
        }
        pending = true;
        window.requestAnimationFrame(function () {
            pending = false;
            update();
        });
    }

    new MutationObserver(scheduleUpdate).observe(document.documentElement, {
        childList: true, subtree: true, attributes: true, attributeFilter: ["tabindex", "lang", "data-title"], characterData: true
    });
    // plotly.js loaded when a chart first came near (assets/lazy-libraries.js): set its locale before
    // that chart draws, as the charts of a page that loaded it at once are drawn
    window.addEventListener("sdg-scripts-loaded", syncPlotlyLocale);
    // Dash's router writes document.title after the page renders: put the page's own title back
    new MutationObserver(syncDocument).observe(document.head, {childList: true, subtree: true,
                                                             characterData: true});

    document.addEventListener("click", function (event) {
        var link = event.target && event.target.closest ? event.target.closest(".skip-link") : null;
        if (!link) {
            return;
        }
        var target = document.getElementById((link.getAttribute("href") || "").slice(1));
        if (target) {
            event.preventDefault();
            target.focus();
            target.scrollIntoView();
        }
    });
})();
