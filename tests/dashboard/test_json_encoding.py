"""Dash's responses go through dashboard/server/json_encoding.py: the same JSON, written faster."""
from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io.json as plotly_json
import pytest
from dash import Patch, dcc, html
from dash._utils import to_json as dash_to_json
from plotly.io._json import to_json_plotly as plotly_to_json

from dashboard.server import json_encoding


def _patch() -> Patch:
    patch = Patch()
    patch["layout"]["title"]["text"] = "ความครบถ้วน"
    patch["data"][0]["z"] = np.array([1.5, np.nan, 3.0])
    return patch


_NUMPY_CHILD: Any = html.Span(np.int64(3))  # type: ignore[arg-type]  # pandas hands out numpy numbers
VALUES: list[Any] = [
    {"text": "แผน </script><b>", "n": 3, "f": 1.25, "nan": math.nan, "none": None, "t": True},
    np.array([1, 2, 3]), np.array([0.1, np.nan]), np.array(["ก", "b"], dtype=object),
    np.array(["2023-10-01", "2024-01-05"], dtype="datetime64[ns]"),
    pd.Series([1, 2], name="x"), pd.Timestamp("2023-10-01"), dt.date(2023, 10, 1),
    np.int64(7), np.float32(0.5), np.bool_(True), {1: "non-string key"},
    go.Figure(go.Bar(x=["ก", "ข"], y=[1, 2])), _patch(),
    html.Div([html.H1("หัวข้อ"), dcc.Graph(id="g", figure={"data": [{"type": "bar", "y": [1]}]}),
              _NUMPY_CHILD], id="root"),
]


@pytest.mark.parametrize("value", VALUES, ids=lambda v: type(v).__name__)
def test_the_same_string_as_plotly(value: Any) -> None:
    assert json_encoding.to_json(value) == plotly_to_json(value)


def test_pages_and_callback_answers_are_unchanged(sample_env: Path, overview: ModuleType) -> None:
    import dashboard.pages.province as province

    for page in (overview.layout(year="2566", goal="2"), province.layout(code="50", lang="en"),
                 overview.update_overview(2566, [2], ["north"], False, "completeness", "en")):
        assert json_encoding.to_json(page) == plotly_to_json(page)


def test_dash_looks_the_encoder_up_on_every_response(dash_app: ModuleType) -> None:
    """Canary: Dash's to_json must still resolve plotly.io.json.to_json_plotly at call time."""
    assert plotly_json.to_json_plotly is json_encoding.to_json, "the app installs the encoder"
    calls: list[Any] = []

    def spy(value: Any, *args: Any, **kwargs: Any) -> str:
        calls.append(value)
        return json_encoding.to_json(value, *args, **kwargs)

    plotly_json.to_json_plotly = spy
    try:
        assert dash_to_json({"a": 1}) == '{"a":1}'
    finally:
        json_encoding.install()
    assert calls == [{"a": 1}], "Dash no longer serialises through plotly.io.json.to_json_plotly"
