// Province page: the goal cell of the projects grid, a colour chip with the goal number and the
// goal's short name. Built with React elements, so every value is rendered as text, never as HTML.
window.dashAgGridComponentFunctions = Object.assign({}, window.dashAgGridComponentFunctions, {
    GoalChip: function (props) {
        var data = props.data || {};
        var color = /^#[0-9A-Fa-f]{6}$/.test(String(data.goal_color)) ? data.goal_color : "#888888";
        return React.createElement("span", {className: "goal-cell"}, [
            React.createElement("span", {key: "chip", className: "goal-chip",
                                         style: {backgroundColor: color}}, String(props.value)),
            React.createElement("span", {key: "name", className: "goal-name"}, String(data.goal_name || ""))
        ]);
    }
});
