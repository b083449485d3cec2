// Pilots page: after a sort button re-sorts the table (the table is drawn anew), put the keyboard
// focus back on the button that was pressed, so keyboard and screen-reader users stay where they were.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    pilots: {
        focusSort: function (state) {
            if (!state || typeof state.col !== "string") {
                return window.dash_clientside.no_update;
            }
            var id = "pilots-sort-" + state.col;
            window.requestAnimationFrame(function () {
                var button = document.getElementById(id);
                if (button) {
                    button.focus();
                }
            });
            return state.col;
        }
    }
});
