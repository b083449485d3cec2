// Writes assets/01-bootstrap.min.css: the rules of bootstrap.min.css (Bootstrap 5.3, kept here whole
// as the build input) whose selectors name only classes, tags and ids that the dashboard's code, the
// intake's templates or the component libraries' bundles can put in a page.
// Usage: node build.js <output.css> <component bundle>... (see `make bootstrap-css`)
"use strict";
const fs = require("fs");
const path = require("path");
const { PurgeCSS } = require("purgecss");

const ROOT = path.resolve(__dirname, "..", "..");
const [output, ...bundles] = process.argv.slice(2);
if (!output || bundles.length === 0) {
  console.error("usage: node build.js <output.css> <component bundle.js>...");
  process.exit(2);
}

// Class names the component libraries compose at run time from a prop (dbc: `btn-${color}`,
// `col-${breakpoint}-${width}`, `alert-${color}`, `navbar-expand-${expand}`...) and the state
// classes Bootstrap's own behaviour toggles (show, fade, collapsing, active, is-invalid...) never
// appear whole in any source: these families stay, for every theme colour, size and breakpoint.
const COLOR = "(primary|secondary|success|info|warning|danger|light|dark)";
const BREAKPOINT = "(sm|md|lg|xl|xxl)";
const SAFELIST = {
  standard: [
    new RegExp(`^(btn|btn-outline|alert|bg|text|text-bg|border|badge|link|table|list-group-item)-${COLOR}$`),
    /^(btn|form-control|form-select|table|modal|pagination|input-group)-(sm|lg)$/,
    new RegExp(`^(col|offset|order|row-cols|g|gx|gy)(-${BREAKPOINT})?-(\\d+|auto|first|last)$`),
    new RegExp(`^(col|navbar-expand)(-${BREAKPOINT})?$`),
    new RegExp(`^(align-items|align-self|justify-content)(-${BREAKPOINT})?-[a-z]+$`),
    new RegExp(`^table-(sm|bordered|borderless|striped|striped-columns|hover|active|responsive(-${BREAKPOINT})?)$`),
    /^navbar-(dark|light)$/,
    /^fieldset$/,
    /^(show|fade|showing|hiding|collapse|collapsing|active|disabled|is-valid|is-invalid|was-validated)$/,
  ],
};

async function main() {
  const content = [
    path.join(ROOT, "app.py"),
    path.join(ROOT, "dashboard/**/*.py"),
    path.join(ROOT, "assets/*.js"),
    path.join(ROOT, "intake/**/*.{py,html,js}"),
    ...bundles,
  ];
  const [result] = await new PurgeCSS().purge({
    content,
    css: [path.join(__dirname, "bootstrap.min.css")],
    safelist: SAFELIST,
    keyframes: true,
    fontFace: true,
  });
  fs.writeFileSync(output, result.css.endsWith("\n") ? result.css : result.css + "\n");
  const before = fs.statSync(path.join(__dirname, "bootstrap.min.css")).size;
  console.log(`${output}: ${result.css.length.toLocaleString("en")} bytes (from ${before.toLocaleString("en")})`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
