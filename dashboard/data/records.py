"""A frame's rows as dicts, the way `DataFrame.to_dict("records")` gives them, at a fraction of its cost.

Pages and callbacks walk small query results row by row (77 provinces, 17 goals). pandas converts
such a frame cell by cell: about 0.8 ms for the 77 rows of the province status, on every filter
change and new page. Converted in one step to Python objects, it takes about 0.2 ms. Missing values
of pandas' nullable columns (`pd.NA`) become None, as `to_dict` makes them, so `if row[...]` reads
them as before.
"""
from __future__ import annotations

from typing import Any

import pandas as pd


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """One dict per row, keyed by column name, values as Python objects (NA as None)."""
    names = [str(name) for name in frame.columns]
    return [{name: None if value is pd.NA else value for name, value in zip(names, row, strict=True)}
            for row in frame.to_numpy(dtype=object).tolist()]
