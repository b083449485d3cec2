"""Intake text comes from the app's one string table; this adds what every intake template needs."""
from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import request

from dashboard.i18n import DEFAULT_LANG, t
from intake import auth

__all__ = ["page_context", "t"]


def lang_url(lang: str) -> str:
    """This page's URL in another language (Thai, the default, carries no lang parameter)."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"]
    if lang != DEFAULT_LANG:
        args.append(("lang", lang))
    query = urlencode(args)
    return request.path + (f"?{query}" if query else "")


def page_context(lang: str) -> dict[str, Any]:
    """What the shell template uses: the language, its switch, the user and the text lookup."""
    other = "th" if lang == "en" else "en"
    return {
        "lang": lang,
        "other_lang_url": lang_url(other),
        "user": auth.current(),
        "tr": lambda key, **values: t(key, lang, **values),
        "lang_q": "" if lang == DEFAULT_LANG else "lang=en",
    }
