// Bundle entry.js the way plotly.js builds its own dist files (its esbuild-config.js), minified,
// with a banner naming the version, so dashboard tests can check it against plotly.py's.
const path = require('path');
const esbuild = require('esbuild');
const { environmentPlugin } = require('esbuild-plugin-environment');
const InlineCSSPlugin = require('esbuild-plugin-inline-css');
const { version } = require('plotly.js/package.json');

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
    plugins: [InlineCSSPlugin(), environmentPlugin({ NODE_DEBUG: false })],
    alias: { regl: '@plotly/regl', stream: 'stream-browserify' },
    define: { global: 'window', 'define.amd': 'false' },
    target: 'es2016',
    legalComments: 'eof',
    banner: { js: `/* plotly.js v${version} (MIT, https://github.com/plotly/plotly.js): partial bundle ` +
                  'with bar, heatmap, choropleth and scattergeo, built by scripts/plotly-bundle */' },
    logLevel: 'info',
}).catch(() => process.exit(1));
