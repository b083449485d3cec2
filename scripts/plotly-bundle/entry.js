'use strict';
// The trace types the dashboard draws (dashboard/figures.py) and nothing else: the full
// plotly.min.js is 4.8 MB, and the browser spent about a second just evaluating it on first load.
var Plotly = require('./core');  // plotly.js's core with the components the figures use

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/heatmap'),
    require('plotly.js/lib/choropleth'),
    require('plotly.js/lib/scattergeo'),
]);

module.exports = Plotly;
