"""Component ids as constants, so layouts, callbacks and tests agree on one spelling.

The ids in the first block are a contract: tests and other tools (bench, screenshots) rely
on them. Page-private ids carry a page prefix.
"""
from __future__ import annotations

# Stable ids, relied on outside the app
PROVINCE_MAP = "province-map"
MAP_METRIC = "map-metric"
GOAL_CHART = "goal-chart"
REGION_CHART = "region-chart"
GOAL_REGION_HEATMAP = "goal-region-heatmap"
YEAR_FILTER = "year-filter"
GOAL_FILTER = "goal-filter"
REGION_FILTER = "region-filter"
PILOT_TOGGLE = "pilot-toggle"
CLEAR_FILTERS = "clear-filters"
LANG_TOGGLE = "lang-toggle"
DISTRICT_MAP = "district-map"
PROJECTS_GRID = "projects-grid"

# Shell
SAMPLE_BANNER = "sample-banner"
FOOTER = "site-footer"
NAV_OVERVIEW = "nav-overview"
NAV_PILOTS = "nav-pilots"
DB_ERROR = "db-error"
MAIN_CONTENT = "main-content"  # the skip link's target
EXPORT_STATUS = "export-status"  # what became of a camera button's image (aria-live)

# Overview page
OVERVIEW_HEADLINES = "overview-headlines"
OVERVIEW_QUERY = "overview-query"
OVERVIEW_QUERY_SYNC = "overview-query-sync"
OVERVIEW_NAV = "overview-nav"
OVERVIEW_LANG = "overview-lang"
OVERVIEW_MAP_NOTE = "overview-map-note"
OVERVIEW_STATUS = "overview-status"  # announces what the filters now show (aria-live)
GOAL_REGION_TABLE = "goal-region-table"  # the heatmap's numbers as a table (shown on phones)

# Finding a province on the overview (the first two are contracts)
PROVINCE_FINDER = "province-finder"
PROVINCE_TABLE = "province-table"
PROVINCE_FINDER_GO = "province-finder-go"
PROVINCE_FINDER_NAMES = "province-finder-names"
PROVINCE_FINDER_MESSAGE = "province-finder-message"
PROVINCE_FINDER_NAV = "province-finder-nav"
PROVINCE_TABLE_TITLE = "province-table-title"
PROVINCE_TABLE_SORT = "province-table-sort"
PROVINCE_TABLE_SORT_STATE = "province-table-sort-state"
# The map's selected province (a tap, or meeting mode) and its panel; MAP_OPEN asks to open one
MAP_SELECTED = "map-selected"
MAP_OPEN = "map-open"
PROVINCE_PANEL = "province-panel"
PROVINCE_PANEL_OPEN = "province-panel-open"

# Change over fiscal years (overview and province page); the first three are contracts
TREND_CHART = "trend-chart"
STATUS_CHART = "status-chart"
PROVINCE_HISTORY = "province-history"
MEASURE_SWITCH = "measure-switch"
OVERVIEW_HOWTO = "overview-howto"


# --- province pages ---
# Province page /province/<code> (the stable DISTRICT_MAP and PROJECTS_GRID are above)
PROVINCE_HEADER = "province-header"
PROVINCE_PILOT_BADGE = "province-pilot-badge"
PROVINCE_YEAR = "province-year"
PROVINCE_NAV = "province-nav"
PROVINCE_ACTIONS = "province-actions"  # the export buttons beside the province header
PROVINCE_COMPONENTS = "province-components"
PROVINCE_STATS = "province-stats"
PROVINCE_GOAL_MIX = "province-goal-mix"
PROVINCE_CATEGORY_COUNTS = "province-category-counts"
PROVINCE_PILOT_PROCESS = "province-pilot-process"
PROVINCE_PILOT_TIMELINE = "province-pilot-timeline"
PROVINCE_PREV_PILOT = "province-prev-pilot"
PROVINCE_NEXT_PILOT = "province-next-pilot"
PROVINCE_GRID_SEARCH = "province-grid-search"
PROJECTS_GRID_TITLE = "projects-grid-title"  # names the grid for screen readers (assets/a11y.js)
PROVINCE_GRID_COUNT = "province-grid-count"  # rows the grid's filters keep, from SQL
PROVINCE_STATE = "province-state"  # {"code", "year", "lang"} of the page, for its callbacks

# Pilots page /pilots
PILOTS_TABLE = "pilots-table"
PILOTS_YEAR = "pilots-year"
PILOTS_NAV = "pilots-nav"
PILOTS_LANG = "pilots-lang"
PILOTS_TABLE_WRAP = "pilots-table-wrap"  # the sortable table is re-rendered inside it
PILOTS_SORT_BUTTON = "pilots-sort"       # prefix of the column sort buttons' ids (pilots-sort-projects)
PILOTS_SORT_STATE = "pilots-sort-state"  # {"col", "desc"} of the table as shown
PILOTS_SORT_FOCUS = "pilots-sort-focus"  # written by assets/pilots.js once it refocused the pressed button

# Not-found page
NOT_FOUND = "not-found"
NOT_FOUND_HOME = "not-found-home"
# --- end province pages ---
