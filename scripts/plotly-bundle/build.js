// Bundle entry.js the way plotly.js builds its own dist files (its esbuild-config.js), minified,
// with a banner naming the version, so dashboard tests can check it against plotly.py's.
const path = require('path');
const esbuild = require('esbuild');
const { environmentPlugin } = require('esbuild-plugin-environment');
const InlineCSSPlugin = require('esbuild-plugin-inline-css');
const { version } = require('plotly.js/package.json');

// Modules plotly.js bundles for features the dashboard never uses, replaced by empty stand-ins:
// MapLibre's stylesheet (injected only for map subplots), country-name lookups (the maps locate
// provinces by GeoJSON id) and the extra projections (the maps use mercator, which d3-geo has).
const STUBS = {
    'maplibre-gl/dist/maplibre-gl.css': '',
    'country-iso-search': 'module.exports = {COUNTRIES: [], createLookup: function () {' +
        ' return {lookupAlpha3: function () { return undefined; }}; }};',
    'd3-geo-projection': 'module.exports = {};',
};
const stubPlugin = {
    name: 'sdg-stubs',
    setup(build) {
        const escaped = Object.keys(STUBS).map(k => k.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
        const filter = new RegExp('^(' + escaped.join('|') + ')$');
        build.onResolve({ filter }, args => ({ path: args.path, namespace: 'sdg-stub' }));
        build.onLoad({ filter: /.*/, namespace: 'sdg-stub' }, args => ({
            contents: STUBS[args.path], loader: 'js',  // a stylesheet stand-in too: no .css output
        }));
    },
};

const outfile = process.argv[2];
if (!outfile) {
    console.error('usage: node build.js <output file>');
    process.exit(2);
}
esbuild.build({
    entryPoints: [path.join(__dirname, 'entry.js')],
    outfile,
    format: 'iife',
    globalName: 'Plotly',
    bundle: true,
    minify: true,
    sourcemap: false,
    plugins: [stubPlugin, InlineCSSPlugin(), environmentPlugin({ NODE_DEBUG: false })],
    alias: { regl: '@plotly/regl', stream: 'stream-browserify' },
    define: { global: 'window', 'define.amd': 'false' },
    target: 'es2016',
    legalComments: 'eof',
    banner: { js: `/* plotly.js v${version} (MIT, https://github.com/plotly/plotly.js): partial bundle ` +
                  'with bar, heatmap, choropleth and scattergeo, built by scripts/plotly-bundle */' },
    logLevel: 'info',
}).catch(() => process.exit(1));
