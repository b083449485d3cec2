"""The HTML page every URL starts from: `<html lang>` in the language of the URL (screen readers pick
their voice from it before any script runs), and Dash's scripts outside any landmark (Dash wraps them
in a `<footer>`, a second "contentinfo" beside the site's own footer)."""
from __future__ import annotations

from typing import Any

from dash import Dash
from flask import has_request_context, request

from dashboard.i18n import lang_or_default

_DASH_FOOTER = ("<footer>", "</footer>")
_SCRIPTS_BOX = ('<div class="dash-scripts">', "</div>")


def request_lang() -> str:
    """The language the requested URL asks for (`?lang=en`), Thai otherwise."""
    return lang_or_default(request.args.get("lang")) if has_request_context() else lang_or_default(None)


def localise_index(app: Dash) -> None:
    """Serve the index page with `<html lang>` set per request and Dash's scripts in a plain box."""
    template = app.index_string
    for old, new in zip(_DASH_FOOTER, _SCRIPTS_BOX, strict=True):
        if old not in template:
            raise ValueError(f"the index template has no {old} to replace")
        template = template.replace(old, new, 1)
    app.index_string = template
    render = app.interpolate_index

    def interpolate_index(**parts: Any) -> str:
        html = render(**parts)
        return html.replace("<html>", f'<html lang="{request_lang()}">', 1)

    app.interpolate_index = interpolate_index  # type: ignore[method-assign,assignment]
