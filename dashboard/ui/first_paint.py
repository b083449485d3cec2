"""The page's first paint, written by the server into the index HTML.

Dash sends an empty page and draws it in the browser once its scripts (about 690 KB) have loaded:
with Lighthouse's phone emulation the first content appeared after 5.5 s. Here the layout the router
is about to send is also written as plain HTML into the index page, so the text arrives with the page
itself; `assets/00-first-paint.js` removes it in the frame in which React draws the live page, which
`assets/first-paint.css` keeps invisible until then. The copy holds no ids (the live page's stay
unique) and no references to them; its form controls are disabled until the live ones replace them;
charts and the grid are empty boxes of their height, as the live page shows them before they draw.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from html import escape
from typing import Any

import dash
from dash import Dash
from dash.development.base_component import Component
from flask import has_request_context, request

from dashboard.data.cache import Store
from dashboard.data.page_cache import MAX_SEARCH, page_key, path_variables, query_of
from dashboard.ui.static_html import ATTRIBUTE_NAMES, VOID_TAGS, attribute
from dashboard.ui.static_html import NAMESPACE as STATIC_NAMESPACE

FIRST_PAINT_ID = "first-paint"
FRAME_CLASS = "page-frame"  # the live frame's class, which scripts look for; the copy's is renamed
COPY_FRAME_CLASS = "first-paint-frame"
CHART_CLASS = "first-paint-chart"  # the script loader looks for the copy's charts by it
_SKIPPED = frozenset({"children", "id", "key", "n_clicks", "n_clicks_timestamp", "disable_n_clicks",
                      "setProps", "loading_state", "aria-labelledby", "aria-describedby", "aria-controls",
                      "aria-owns", "aria-activedescendant", "list", "html_for", "htmlFor"})
_SAFE_HREF = ("/", "?", "https://", "http://", "mailto:")

Props = Mapping[str, Any]


def _css(style: Any) -> str | None:
    """A React style object as CSS text (`fontSize` -> `font-size`)."""
    if not isinstance(style, Mapping):
        return None
    parts = []
    for key, value in style.items():
        name = "".join(f"-{c.lower()}" if c.isupper() else c for c in str(key))
        parts.append(f"{name}: {value}")
    return "; ".join(parts) or None


def _attributes(props: Props, classes: str | None = None, **extra: Any) -> str:
    """Attributes of an element: its own (ids and id references left out) and `extra`; `classes` are
    put before the element's className, as the component libraries do."""
    values: dict[str, Any] = {}
    for key, value in props.items():
        if key in _SKIPPED or value is None or (isinstance(value, Mapping | list | tuple) and key != "style"):
            continue
        if key == "style":
            value = _css(value)
        elif key == "href":
            value = value if isinstance(value, str) and value.startswith(_SAFE_HREF) else None
        elif not (key.startswith(("data-", "aria-")) or key in {"className", "role", "scope", "lang", "title",
                                                               "tabIndex", "open", "type", "placeholder",
                                                               "colSpan", "rowSpan", "value", "label"}):
            continue
        values[ATTRIBUTE_NAMES.get(key, key)] = value
    own = values.pop("class", None)
    joined = " ".join(c for c in (classes, own) if c)
    if joined:
        values = {"class": joined, **values}
    values.update({ATTRIBUTE_NAMES.get(k, k): v for k, v in extra.items()})
    return "".join(attribute(name, value) for name, value in values.items())


def _element(tag: str, props: Props, inner: str, classes: str | None = None, **extra: Any) -> str:
    attributes = _attributes(props, classes, **extra)
    if tag in VOID_TAGS:
        return f"<{tag}{attributes}>"
    return f"<{tag}{attributes}>{inner}</{tag}>"


def _col_classes(props: Props) -> str:
    sizes = [(bp, props.get(bp)) for bp in ("xs", "sm", "md", "lg", "xl", "xxl")]
    classes = []
    for bp, size in sizes:
        if size is None:
            continue
        prefix = "col" if bp == "xs" else f"col-{bp}"
        classes.append(prefix if size is True else f"{prefix}-{size}")
    return " ".join(classes) or "col"


def _options(props: Props) -> list[tuple[str, Any]]:
    """(label, value) of a control's options, given as dicts or as plain values."""
    found = []
    for option in props.get("options") or []:
        if isinstance(option, Mapping):
            found.append((str(option.get("label", option.get("value"))), option.get("value")))
        else:
            found.append((str(option), option))
    return found


def _dropdown(props: Props) -> str:
    """The closed dropdown as a box naming what is chosen (or its placeholder)."""
    value = props.get("value")
    chosen = value if isinstance(value, list) else [] if value is None else [value]
    labels = [label for label, v in _options(props) if v in chosen]
    text = ", ".join(labels) if labels else str(props.get("placeholder") or "")
    return (f'<div class="form-select first-paint-control" aria-disabled="true">'
            f"{escape(text, quote=False)}</div>")


def _radio_items(props: Props) -> str:
    items = []
    for label, value in _options(props):
        checked = " checked" if value == props.get("value") else ""
        items.append('<div class="form-check">'
                     f'<input class="form-check-input" type="radio" disabled{checked}>'
                     f'<label class="form-check-label">{escape(label, quote=False)}</label></div>')
    return f"<div{_attributes(props)}>{''.join(items)}</div>"


def _switch(props: Props) -> str:
    checked = " checked" if props.get("value") else ""
    label = render(props.get("label"))
    classes = " ".join(c for c in ("form-check form-switch", props.get("className")) if c)
    return (f'<div class="{escape(classes, quote=True)}">'
            f'<input class="form-check-input" type="checkbox" role="switch" disabled{checked}>'
            f'<label class="form-check-label">{label}</label></div>')


def _table(props: Props, inner: str) -> str:
    classes = ["table"] + [f"table-{flag}" for flag in ("bordered", "borderless", "hover", "striped")
                           if props.get(flag)]
    if props.get("size"):
        classes.append(f"table-{props['size']}")
    table = _element("table", props, inner, " ".join(classes))
    return f'<div class="table-responsive">{table}</div>' if props.get("responsive") else table


def _dbc(kind: str, props: Props, inner: str) -> str:
    """dash-bootstrap-components as they draw: Bootstrap's classes on plain elements."""
    color = props.get("color")
    if kind == "Row":
        return _element("div", props, inner, "row")
    if kind == "Col":
        return _element("div", props, inner, _col_classes(props))
    if kind == "Container":
        return _element("div", props, inner, "container-fluid" if props.get("fluid") else "container")
    if kind == "Card":
        return _element("div", props, inner, "card")
    if kind == "CardBody":
        return _element("div", props, inner, "card-body")
    if kind == "Navbar":
        classes = f"navbar navbar-expand-md{' navbar-dark' if props.get('dark') else ''}"
        return _element("nav", props, inner, f"{classes} bg-{color}" if color else classes)
    if kind == "Nav":
        return _element("ul", props, inner, "navbar-nav" if props.get("navbar") else "nav")
    if kind == "NavItem":
        return _element("li", props, inner, "nav-item")
    if kind == "NavLink":
        return _element("a", props, inner, "nav-link active" if props.get("active") else "nav-link")
    if kind == "Alert":
        return _element("div", props, inner, f"alert alert-{color or 'success'}", role="alert")
    if kind == "Badge":
        text = props.get("text_color")
        classes = f"badge bg-{color or 'primary'}" + (f" text-{text}" if text else "")
        return _element("span", props, inner, classes)
    if kind == "Button":
        style = f"btn-outline-{color or 'primary'}" if props.get("outline") else f"btn-{color or 'primary'}"
        return _element("button", props, inner, f"btn {style}", type="button", disabled=True)
    if kind == "Input":
        return _element("input", props, "", "form-control", disabled=True)
    if kind == "InputGroup":
        return _element("div", props, inner, "input-group")
    if kind == "Label":
        return _element("label", props, inner, "form-label")
    if kind == "Table":
        return _table(props, inner)
    if kind == "RadioItems":
        return _radio_items(props)
    if kind == "Switch":
        return _switch(props)
    return inner


def _dcc(kind: str, props: Props, inner: str) -> str:
    if kind == "Link":
        return _element("a", props, inner)
    if kind == "Graph":
        return _element("div", props, "", f"first-paint-box {CHART_CLASS}")
    if kind == "Dropdown":
        return _dropdown(props)
    return ""  # Store, Location and the like draw nothing


def _html(kind: str, props: Props, inner: str) -> str:
    tag = kind.lower()
    if tag == "button":
        return _element("button", props, inner, type="button", disabled=True)
    if tag == "div" and FRAME_CLASS in str(props.get("className", "")).split():
        classes = " ".join(COPY_FRAME_CLASS if c == FRAME_CLASS else c for c in props["className"].split())
        return _element("div", {**props, "className": classes}, inner)
    return _element(tag, props, inner)


_LIBRARIES: dict[str, Callable[[str, Props, str], str]] = {
    "dash_html_components": _html,
    "dash_bootstrap_components": _dbc,
    "dash_core_components": _dcc,
}


def _json_of(node: Any) -> tuple[str, str, Props] | None:
    if isinstance(node, Component):
        data = node.to_plotly_json()
        return data["namespace"], data["type"], data["props"]
    if isinstance(node, Mapping) and "namespace" in node and "type" in node:
        return node["namespace"], node["type"], node.get("props", {})
    return None


def render(node: Any) -> str:
    """A layout (components, plain elements, texts, lists) as the HTML of its first paint."""
    if node is None or node is False or node is True:
        return ""
    if isinstance(node, str):
        return escape(node, quote=False)
    if isinstance(node, (int, float)):
        return escape(str(node), quote=False)
    if isinstance(node, (list, tuple)):
        return "".join(render(child) for child in node)
    found = _json_of(node)
    if found is None:
        return ""
    namespace, kind, props = found
    if namespace == STATIC_NAMESPACE:
        tag = str(props.get("tag", "div"))  # a datalist only serves the live search box: not copied
        return "" if tag == "datalist" else _element(tag, props, str(props.get("html", "")))
    if namespace == "dash_ag_grid":
        return _element("div", props, "", "first-paint-box")
    library = _LIBRARIES.get(namespace)
    inner = render(props.get("children"))
    return library(kind, props, inner) if library else inner


def first_paint(layout: Any) -> str:
    """The box the index page carries: the layout's first paint."""
    return f'<div id="{FIRST_PAINT_ID}">{render(layout)}</div>'


# ---------------------------------------------------------------- the index page

FIRST_PAINTS = Store("first-paints", 16 << 20)  # per process; the overview's is about 40 KB
_ENTRY = '<div id="react-entry-point">'
log = logging.getLogger(__name__)


def _page_layout(pathname: str, search: str) -> Any:
    """The layout the pages router will send for this address (kept pages only, else None)."""
    for page in dash.page_registry.values():
        template = page.get("path_template") or page.get("path")
        variables = path_variables(str(template), pathname)
        if variables is not None:
            return page["layout"](**{**query_of(search), **variables})
    return None


def page_first_paint(pathname: str, search: str) -> str:
    """The first paint of the page at this address, kept per build and canonical address; empty for
    addresses whose page is not kept (and when anything goes wrong: the live page still comes)."""
    key = page_key(pathname, search)
    if key is None:
        return ""
    hit, kept = FIRST_PAINTS.get(key)
    if hit:
        return str(kept)
    try:
        layout = _page_layout(pathname, search)
        painted = "" if layout is None else first_paint(layout)
    except Exception:  # the index page must come whatever the layout does; the router reports it
        log.exception("no first paint for %s%s", pathname, search)
        return ""
    FIRST_PAINTS.put(key, painted, size=len(painted))
    return painted


def add_first_paint(app: Dash) -> None:
    """Serve every kept page's index HTML with its first paint before Dash's entry point."""
    render_index = app.interpolate_index

    def interpolate_index(**parts: Any) -> str:
        page = render_index(**parts)
        if not has_request_context() or request.method != "GET" or _ENTRY not in page:
            return page
        search = "?" + request.query_string.decode("utf-8", "replace") if request.query_string else ""
        if len(search) > MAX_SEARCH:  # the router answers such an address without keeping it: no copy
            return page
        painted = page_first_paint(request.path, search)
        return page.replace(_ENTRY, painted + _ENTRY, 1) if painted else page

    app.interpolate_index = interpolate_index  # type: ignore[method-assign,assignment]
