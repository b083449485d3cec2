// The maps draw provinces and districts from the app's own GeoJSON with plotly's world layers turned
// off (geo.visible = false), yet plotly.js fetches its world topology (37 KB compressed) before it
// draws any map, and uses it only for those layers. Empty topologies stand in for the world files the
// maps would ask for, so the browser fetches nothing. (Image and slide exports draw with kaleido,
// which reads the real files from assets/topojson/.) Loaded before plotly.js, which keeps this object.
window.PlotlyGeoAssets = {
    topojson: {
        world_110m: {type: "Topology", objects: {}, arcs: []},
        asia_110m: {type: "Topology", objects: {}, arcs: []}
    }
};
