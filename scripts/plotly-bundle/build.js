// Bundle entry.js the way plotly.js builds its own dist files (its esbuild-config.js), minified,
// with a banner naming the version, so dashboard tests can check it against plotly.py's.
const fs = require('fs');
const path = require('path');
const acorn = require('acorn');
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

// plotly.js's attributes carry their documentation (`description: '...'`, the text of its plot
// schema), which nothing reads while drawing: about 120 KB of the minified bundle. plotly.js strips
// it from its own dist files; this does the same to every plotly.js source file, with a real parser
// so that only object properties named `description` go.
function descriptionCuts(source, file) {
    let ast;
    try {
        ast = acorn.parse(source, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true,
                                    allowReturnOutsideFunction: true });
    } catch (err) {
        throw new Error(`could not parse ${file}: ${err.message}`);
    }
    const cuts = [];
    (function visit(node) {
        if (!node || typeof node.type !== 'string') {
            return;
        }
        if (node.type === 'ObjectExpression') {
            node.properties.forEach((prop, i) => {
                const named = prop.type === 'Property' && !prop.computed &&
                    (prop.key.name === 'description' || prop.key.value === 'description');
                if (!named) {
                    return;
                }
                const next = node.properties[i + 1];
                const prev = node.properties[i - 1];
                cuts.push(next ? [prop.start, next.start] : prev ? [prev.end, prop.end] : [prop.start, prop.end]);
            });
        }
        for (const key of Object.keys(node)) {
            const child = node[key];
            if (Array.isArray(child)) {
                child.forEach(visit);
            } else if (child && typeof child.type === 'string') {
                visit(child);
            }
        }
    })(ast);
    return cuts;
}

function withoutDescriptions(source, file) {
    const cuts = descriptionCuts(source, file).sort((a, b) => b[0] - a[0]);
    let out = source;
    let limit = Infinity;
    for (const [start, end] of cuts) {
        if (end > limit) {
            continue;  // inside a cut already made (a description nested in a description's value)
        }
        out = out.slice(0, start) + out.slice(end);
        limit = start;
    }
    return out;
}

const stripDescriptions = {
    name: 'sdg-strip-descriptions',
    setup(build) {
        build.onLoad({ filter: /[\\/]node_modules[\\/]plotly\.js[\\/]src[\\/].*\.js$/ }, args => ({
            contents: withoutDescriptions(fs.readFileSync(args.path, 'utf8'), args.path), loader: 'js',
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
    plugins: [stubPlugin, stripDescriptions, InlineCSSPlugin(), environmentPlugin({ NODE_DEBUG: false })],
    alias: { regl: '@plotly/regl', stream: 'stream-browserify' },
    define: { global: 'window', 'define.amd': 'false' },
    target: 'es2016',
    legalComments: 'eof',
    banner: { js: `/* plotly.js v${version} (MIT, https://github.com/plotly/plotly.js): partial bundle ` +
                  'with bar, heatmap, choropleth and scattergeo, built by scripts/plotly-bundle */' },
    logLevel: 'info',
}).catch(() => process.exit(1));
