// Province page: the goal cell of the projects grid, a colour chip with the goal number and the
// goal's short name. Built with React elements, so every value is rendered as text, never as HTML.
window.dashAgGridComponentFunctions = Object.assign({}, window.dashAgGridComponentFunctions, {
    GoalChip: function (props) {
        var data = props.data || {};
        if (props.value == null) {
            return null;  // a row of a block still loading
        }
        var color = /^#[0-9A-Fa-f]{6}$/.test(String(data.goal_color)) ? data.goal_color : "#888888";
        var text = /^#[0-9A-Fa-f]{6}$/.test(String(data.goal_text_color)) ? data.goal_text_color : "#111111";
        return React.createElement("span", {className: "goal-cell"}, [
            React.createElement("span", {key: "chip", className: "goal-chip",
                                         style: {backgroundColor: color, color: text}}, String(props.value)),
            React.createElement("span", {key: "name", className: "goal-name"}, String(data.goal_name || ""))
        ]);
    }
});

// The search box filters in SQL: drop the grid's cached blocks so it asks the server again.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    province: {
        refreshGrid: function (text, gridId) {
            var grid = window.dash_ag_grid;  // a stand-in until the bundle has loaded (lazy-libraries.js)
            var api = grid && typeof grid.getApi === "function" && grid.getApi(gridId);
            if (api) {
                api.purgeInfiniteCache();
            }
            return window.dash_clientside.no_update;
        }
    }
});
