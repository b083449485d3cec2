"""Large generated markup (the province table's rows, the heatmap's table, the finder's names) sent to
the browser as one HTML string in one component, not as hundreds of Dash elements.

The renderer wraps every Dash element in its own React components: about 0.2 ms apiece on a desktop
and four times that on a phone. The overview's 800 generated table elements were 130 ms of a single
long task at load on a desktop. The markup is the same, written here with every text and attribute
escaped; `assets/static-html.js` sets it as the element's content, and gives its links (written by
`to_html` from `plain_html.link`) the in-app navigation of `dcc.Link`.
"""
from __future__ import annotations

from html import escape
from typing import Any

from dash.development.base_component import Component

NAMESPACE = "sdg_static_html"
TAGS = ("div", "table", "tbody", "datalist")  # what the browser component accepts as its element
VOID_TAGS = frozenset({"br", "hr", "img", "input", "wbr"})  # written without a closing tag
ATTRIBUTE_NAMES = {"className": "class", "tabIndex": "tabindex", "htmlFor": "for", "colSpan": "colspan",
                   "rowSpan": "rowspan"}  # React's property names -> HTML's attribute names
APP_LINK = "data-app-link"  # marks a link the page follows without reloading (assets/static-html.js)


class StaticHtml(Component):
    """One element (`tag`, one of TAGS) whose content is `html`, markup the server wrote with
    `to_html`; `id`, `className`, `role`, `data-*` and `aria-*` go on the element itself."""

    _children_props: list[str] = []  # noqa: RUF012 (Dash declares these on instances; none here)
    _base_nodes: list[str] = []  # noqa: RUF012
    _namespace = NAMESPACE
    _type = "StaticHtml"
    html: str
    tag: str

    def __init__(self, html: str = "", tag: str = "div", **props: Any) -> None:
        if tag not in TAGS:
            raise ValueError(f"StaticHtml draws one of {TAGS}, not {tag!r}")
        self._prop_names = ["id", "html", "tag", "className", "role", "aria-*", "data-*"]
        self._valid_wildcard_attributes = ["data-", "aria-"]
        self.available_properties = list(self._prop_names)
        self.available_wildcard_properties = ["data-", "aria-"]
        super().__init__(html=html, tag=tag, **{k: v for k, v in props.items() if v is not None})


def attribute(name: str, value: Any) -> str:
    """` name="value"` (escaped; the HTML name of a React property), ` name` for True, "" for None or
    False."""
    if value is None or value is False:
        return ""
    name = ATTRIBUTE_NAMES.get(name, name)
    if value is True:
        return f" {name}"
    return f' {name}="{escape(str(value), quote=True)}"'


def to_html(node: Any) -> str:
    """Plain elements (`plain_html.element`, `plain_html.link`), strings, numbers and lists of them as
    HTML; text and attribute values escaped. None and False write nothing, as in Dash."""
    if node is None or node is False:
        return ""
    if isinstance(node, str):
        return escape(node, quote=False)
    if isinstance(node, (list, tuple)):
        return "".join(to_html(child) for child in node)
    if isinstance(node, dict):
        props = node.get("props", {})
        if node.get("type") == "Link":
            return (f'<a href="{escape(str(props["href"]), quote=True)}" {APP_LINK}>'
                    f"{to_html(props.get('children'))}</a>")
        tag = str(node["type"]).lower()
        attributes = "".join(attribute(k, v) for k, v in props.items() if k != "children")
        if tag in VOID_TAGS:
            return f"<{tag}{attributes}>"
        return f"<{tag}{attributes}>{to_html(props.get('children'))}</{tag}>"
    if isinstance(node, (int, float)):
        return escape(str(node), quote=False)
    raise TypeError(f"to_html writes plain elements, not {type(node).__name__}")
