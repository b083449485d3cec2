"""Province and district boundaries as the app serves them, keyed by DOPA code in the feature `id`.

The files are derived once by `python -m geo.build` and committed; the app only reads them.
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, Literal

import numpy as np

GEO_DIR = Path(__file__).resolve().parent
PROVINCES_PATH = GEO_DIR / "provinces.geojson"
DISTRICTS_PATH = GEO_DIR / "districts.geojson"
LICENSE_PATH = GEO_DIR / "source" / "LICENSE.md"

Level = Literal["provinces", "districts"]
BOUNDARY_PATHS: dict[str, Path] = {"provinces": PROVINCES_PATH, "districts": DISTRICTS_PATH}

# The join between data and geometry: plotly's featureidkey. Province codes are 2-digit strings
# ("50"), district codes 4-digit strings ("5001"); never join on names.
FEATURE_ID_KEY = "id"

# Verbatim from geo/source/LICENSE.md (CC BY 3.0 IGO asks for the credit and the changes).
ATTRIBUTION = (
    "Administrative boundaries: Royal Thai Survey Department, via OCHA/HDX (COD-AB Thailand, 2019), "
    "CC BY 3.0 IGO. Simplified; DOPA codes added."
)
DISCLAIMER = (
    "The boundaries and names shown and the designations used do not imply official endorsement "
    "or acceptance by the United Nations."
)
ATTRIBUTION_TH = (
    "ขอบเขตการปกครอง: กรมแผนที่ทหาร ผ่าน OCHA/HDX (COD-AB ประเทศไทย พ.ศ. 2562), CC BY 3.0 IGO "
    "ปรับเส้นให้เรียบง่ายและเพิ่มรหัสกรมการปกครอง"
)
DISCLAIMER_TH = (
    "เส้นเขตและชื่อที่แสดง ตลอดจนการกำหนดที่ใช้ในแผนที่นี้ "
    "มิได้หมายความว่าสหประชาชาติให้การรับรองหรือยอมรับอย่างเป็นทางการ"
)


def is_province_code(code: object) -> bool:
    """Whether `code` has the shape of a province code, the join key between data and boundaries:
    two ASCII digits (DOPA = ISO 3166-2:TH number). It says nothing of whether the province exists."""
    return isinstance(code, str) and len(code) == 2 and code.isascii() and code.isdigit()


@cache
def load_boundaries(level: Level) -> dict[str, Any]:
    """The derived FeatureCollection for one level, read from disk once; callers must not mutate it."""
    if level not in BOUNDARY_PATHS:
        raise ValueError(f"unknown boundary level {level!r}; expected one of {sorted(BOUNDARY_PATHS)}")
    path = BOUNDARY_PATHS[level]
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing; run `python -m geo.build` to derive it")
    collection: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return collection


@cache
def province_districts(province_code: str) -> dict[str, Any]:
    """The districts of one province as their own FeatureCollection (for the province page map)."""
    features = [
        f for f in load_boundaries("districts")["features"]
        if f["properties"]["province_code"] == province_code
    ]
    return {"type": "FeatureCollection", "features": features}


def _rings_as_arrays(coords: Any) -> Any:
    """Nested GeoJSON coordinates with each innermost list of points as an (n, 2) float array."""
    if coords and isinstance(coords[0][0], int | float):
        return np.asarray(coords, dtype=float)
    return [_rings_as_arrays(part) for part in coords]


@cache
def drawing_boundaries(level: Level) -> dict[str, Any]:
    """load_boundaries(level) for figures: the same features, each ring a numpy array.

    plotly deep-copies a figure's data when it builds the figure and again when it turns it into a
    dict; copying a list of 10,000 coordinate pairs point by point cost more than the rest of the map,
    an array copies in one step (and serialises to the same JSON). Callers must not mutate it.
    """
    collection = load_boundaries(level)
    features = [{**f, "geometry": {**f["geometry"],
                                   "coordinates": _rings_as_arrays(f["geometry"]["coordinates"])}}
                for f in collection["features"]]
    return {**collection, "features": features}


@cache
def map_shapes(level: Level) -> dict[str, Any]:
    """drawing_boundaries(level) keyed by id without properties: all a choropleth needs, so a page
    does not send every name and code along with its map. Callers must not mutate it."""
    features = drawing_boundaries(level)["features"]
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "id": f["id"], "geometry": f["geometry"]} for f in features]}
