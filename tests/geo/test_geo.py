"""The derived boundaries: complete, keyed like the reference tables, drawable by plotly, reproducible."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pytest
import shapely
from shapely.geometry import shape

import geo
from etl.reference import read_reference

ROOT = Path(__file__).resolve().parents[2]
MAX_BYTES = 400 * 1024
LEVELS: tuple[geo.Level, ...] = ("provinces", "districts")


def geometries(level: geo.Level) -> dict[str, shapely.Geometry]:
    """Feature id -> shapely geometry for one level."""
    return {f["id"]: shape(f["geometry"]) for f in geo.load_boundaries(level)["features"]}


def polygons(geom: shapely.Geometry) -> list[shapely.Polygon]:
    return [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon"]


@pytest.mark.parametrize(("level", "count"), [("provinces", 77), ("districts", 928)])
def test_feature_counts(level: geo.Level, count: int) -> None:
    collection = geo.load_boundaries(level)
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == count


@pytest.mark.parametrize(
    ("level", "table", "key", "digits"),
    [("provinces", "provinces", "province_code", 2), ("districts", "districts", "district_code", 4)],
)
def test_every_reference_code_has_one_shape_and_back(
    level: geo.Level, table: str, key: str, digits: int
) -> None:
    features = geo.load_boundaries(level)["features"]
    ids = [f[geo.FEATURE_ID_KEY] for f in features]
    assert len(ids) == len(set(ids)), "duplicate feature ids"
    assert all(isinstance(i, str) and re.fullmatch(rf"\d{{{digits}}}", i) for i in ids)
    assert set(ids) == set(read_reference(table)[key])
    assert all(f["properties"]["code"] == f["id"] for f in features)


def test_province_properties_match_reference() -> None:
    reference = read_reference("provinces").set_index("province_code")
    for f in geo.load_boundaries("provinces")["features"]:
        row = reference.loc[f["id"]]
        assert f["properties"] == {
            "code": f["id"], "name_th": row["name_th"], "name_en": row["name_en"],
            "region_code": row["region_code"],
        }


def test_district_properties_and_provinces_agree() -> None:
    reference = read_reference("districts").set_index("district_code")
    for f in geo.load_boundaries("districts")["features"]:
        row = reference.loc[f["id"]]
        assert f["properties"] == {
            "code": f["id"], "province_code": row["province_code"],
            "name_th": row["name_th"], "name_en": row["name_en"],
        }
        assert f["id"].startswith(f["properties"]["province_code"])


@pytest.mark.parametrize("level", LEVELS)
def test_geometry_is_valid_polygonal_and_clockwise(level: geo.Level) -> None:
    for code, geom in geometries(level).items():
        assert geom.geom_type in ("Polygon", "MultiPolygon"), code
        assert geom.is_valid, f"{code}: {shapely.is_valid_reason(geom)}"
        assert not geom.is_empty and geom.area > 0, code
        for polygon in polygons(geom):
            # plotly/d3 fill a counter-clockwise outer ring as "everything but" the shape
            assert not polygon.exterior.is_ccw, f"{code}: outer ring is counter-clockwise"
            assert all(ring.is_ccw for ring in polygon.interiors), f"{code}: hole is clockwise"


@pytest.mark.parametrize("level", LEVELS)
def test_coordinates_rounded_to_three_decimals_without_repeats(level: geo.Level) -> None:
    """About 110 m, below a pixel on every map the app draws; rounding leaves no repeated vertex."""
    coords = shapely.get_coordinates(list(geometries(level).values()))
    assert np.array_equal(coords, np.round(coords, 3))
    for geom in geometries(level).values():
        for polygon in polygons(geom):
            for ring in (polygon.exterior, *polygon.interiors):
                xy = shapely.get_coordinates(ring)
                assert np.array_equal(xy[0], xy[-1]) and len(xy) >= 4
                assert np.any(xy[1:] != xy[:-1], axis=1).all(), "a ring repeats a vertex"
    assert ((coords[:, 0] > 97) & (coords[:, 0] < 106) & (coords[:, 1] > 5) & (coords[:, 1] < 21)).all()


def test_districts_form_a_coverage() -> None:
    """Shared borders stay shared: no overlaps, edges matched vertex for vertex."""
    assert shapely.coverage_is_valid(list(geometries("districts").values()))


def test_provinces_are_the_union_of_their_districts() -> None:
    districts = geometries("districts")
    features = geo.load_boundaries("districts")["features"]
    owner = {f["id"]: f["properties"]["province_code"] for f in features}
    for code, province in geometries("provinces").items():
        union = shapely.union_all([g for d, g in districts.items() if owner[d] == code])
        assert shapely.symmetric_difference(province, union).area <= 1e-9 * province.area, code


@pytest.mark.parametrize(("level", "low", "high"), [("provinces", 0.95, 1.05), ("districts", 0.7, 1.3)])
def test_simplified_shapes_stay_close_to_the_source(level: geo.Level, low: float, high: float) -> None:
    """Bangkok's small khet are the first to suffer from a coarse tolerance."""
    text = (geo.GEO_DIR / "source" / f"thailand-{level}.geojson").read_text(encoding="utf-8")
    source = {f["id"]: shape(f["geometry"]) for f in json.loads(text)["features"]}
    for code, geom in geometries(level).items():
        ratio = geom.area / source[code].area
        assert low < ratio < high, f"{code}: area ratio {ratio:.2f}"


@pytest.mark.parametrize("path", [geo.PROVINCES_PATH, geo.DISTRICTS_PATH])
def test_files_are_small(path: Path) -> None:
    assert path.stat().st_size < MAX_BYTES


def test_committed_files_are_what_the_build_produces(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "geo.build", "--out-dir", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "77 provinces" in result.stdout and "928 districts" in result.stdout
    for path in (geo.PROVINCES_PATH, geo.DISTRICTS_PATH):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), (
            f"{path.name} is stale: run `python -m geo.build` and commit the result"
        )


def test_load_boundaries_is_cached_and_rejects_unknown_levels() -> None:
    assert geo.load_boundaries("provinces") is geo.load_boundaries("provinces")
    with pytest.raises(ValueError, match="unknown boundary level"):
        geo.load_boundaries("subdistricts")  # type: ignore[arg-type]


def test_province_districts_selects_one_province() -> None:
    chiang_mai: dict[str, Any] = geo.province_districts("50")
    assert len(chiang_mai["features"]) == 25
    assert {f["properties"]["province_code"] for f in chiang_mai["features"]} == {"50"}
    assert geo.province_districts("99")["features"] == []


def test_attribution_is_the_licence_text() -> None:
    licence = " ".join(geo.LICENSE_PATH.read_text(encoding="utf-8").split())
    assert f'"{geo.ATTRIBUTION}"' in licence
    assert f'"{geo.DISCLAIMER}"' in licence
    assert "CC BY 3.0 IGO" in geo.ATTRIBUTION_TH and "กรมแผนที่ทหาร" in geo.ATTRIBUTION_TH
    assert "สหประชาชาติ" in geo.DISCLAIMER_TH


@pytest.mark.parametrize("level", ["provinces", "districts"])
def test_drawing_boundaries_serialise_exactly_like_the_file(level: geo.Level) -> None:
    """Figures draw from arrays: the JSON a browser or kaleido receives must be the file's own."""
    drawn = geo.drawing_boundaries(level)
    assert orjson.dumps(drawn, option=orjson.OPT_SERIALIZE_NUMPY) == orjson.dumps(geo.load_boundaries(level))
    assert geo.drawing_boundaries(level) is drawn


def test_map_shapes_are_the_boundaries_without_properties() -> None:
    """What the overview's map sends: every province's id and shape, none of its names."""
    full, slim = geo.load_boundaries("provinces")["features"], geo.map_shapes("provinces")["features"]
    assert [f["id"] for f in slim] == [f["id"] for f in full] and len(slim) == 77
    for served, feature in zip(slim, full, strict=True):
        assert "properties" not in served
        drawn = orjson.dumps(served["geometry"], option=orjson.OPT_SERIALIZE_NUMPY)
        assert drawn == orjson.dumps(feature["geometry"])
