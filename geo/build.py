"""Derive the boundaries the app serves from geo/source/: `python -m geo.build [--out-dir DIR]`.

Districts are simplified as one coverage (shared borders stay shared), each edge as finely as
the finer of the two districts beside it needs, so Bangkok's khet and Phuket keep their shape
while long rural borders lose vertices (that is what keeps 928 districts under 400 KB);
provinces are then dissolved from those districts, so they nest exactly.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping

from etl.reference import read_reference
from geo import DISTRICTS_PATH, GEO_DIR, PROVINCES_PATH

SOURCE_DIR = GEO_DIR / "source"
SOURCE_DISTRICTS = SOURCE_DIR / "thailand-districts.geojson"

# Visvalingam-Whyatt tolerances in degrees (about the square root of the triangle area removed).
SIMPLIFY_LEVELS: tuple[float, ...] = (0.01, 0.02, 0.03, 0.04)
# A district asks for the smaller of these fractions of its own size and of its province's size
# (square roots of the areas): the province page zooms to one province, so what a reader sees
# wrong scales with the province, and small districts must stay recognisable.
DISTRICT_FACTOR = 0.35
PROVINCE_FACTOR = 0.07
DECIMALS = 3
POLYGONAL = ("Polygon", "MultiPolygon")


def read_source_districts(path: Path = SOURCE_DISTRICTS) -> gpd.GeoDataFrame:
    """The 928 source districts sorted by code, checked against the reference tables."""
    frame = gpd.read_file(path).rename(columns={"amp_code": "code", "pro_code": "province_code"})
    frame = frame.sort_values("code", ignore_index=True)
    check_codes(frame["code"], frame["province_code"])
    return frame


def check_codes(district_codes: pd.Series, province_codes: pd.Series) -> None:
    """Fail unless every reference district has exactly one shape and the province codes agree."""
    reference = read_reference("districts").set_index("district_code")["province_code"]
    duplicated = sorted(set(district_codes[district_codes.duplicated()]))
    missing = sorted(set(reference.index) - set(district_codes))
    unknown = sorted(set(district_codes) - set(reference.index))
    wrong = sorted(
        code for code, prov in zip(district_codes, province_codes, strict=True)
        if code in reference.index and reference[code] != prov
    )
    problems = {
        "duplicated": duplicated, "without a shape": missing, "not in districts.csv": unknown,
        "in the wrong province": wrong,
    }
    found = {label: codes for label, codes in problems.items() if codes}
    if found:
        detail = "; ".join(f"{label}: {', '.join(codes[:10])}" for label, codes in found.items())
        raise ValueError(f"{SOURCE_DISTRICTS.name} disagrees with data/reference/districts.csv: {detail}")


def district_tolerances(geoms: np.ndarray, province_codes: Sequence[str]) -> np.ndarray:
    """Each district's tolerance from its own and its province's size, snapped down to a level."""
    area = shapely.area(geoms)
    province_area = pd.Series(area).groupby(np.asarray(province_codes)).transform("sum").to_numpy()
    wanted = np.minimum(DISTRICT_FACTOR * np.sqrt(area), PROVINCE_FACTOR * np.sqrt(province_area))
    levels = np.asarray(SIMPLIFY_LEVELS)
    index = np.searchsorted(levels, wanted, side="right") - 1
    return levels[np.clip(index, 0, len(levels) - 1)]


def simplify_coverage(geoms: np.ndarray, tolerances: np.ndarray) -> np.ndarray:
    """Simplify the coverage level by level; each pass freezes the finer districts' outlines.

    A pass simplifies only the edges shared by two of its members, so the coarser districts
    go in together with the sea around the country (its coast becomes a shared edge) and the
    finer districts stay out: the borders they share with the pass are left as they were.
    """
    simplified = gpd.GeoSeries(geoms).simplify_coverage(SIMPLIFY_LEVELS[0]).to_numpy()
    frame = shapely.box(*shapely.total_bounds(geoms)).buffer(1.0, join_style="mitre")
    sea = shapely.difference(frame, shapely.coverage_union_all(simplified))
    for level in SIMPLIFY_LEVELS[1:]:
        coarse = tolerances >= level
        if not coarse.any():
            continue
        members = gpd.GeoSeries(np.append(simplified[coarse], sea))
        result = members.simplify_coverage(level, simplify_boundary=False).to_numpy()
        simplified[coarse], sea = result[:-1], result[-1]
    return simplified


def polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """Only the polygonal parts of a geometry, as a Polygon when there is just one."""
    pieces = shapely.get_parts(shapely.get_parts(geom))  # twice: a collection may hold multipolygons
    parts = [part for part in pieces if part.geom_type == "Polygon" and not part.is_empty]
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


def ring_without_repeats(ring: shapely.LinearRing) -> np.ndarray | None:
    """A ring's vertices with consecutive repeats dropped (still closed); None if it collapsed."""
    xy = shapely.get_coordinates(ring)
    kept = xy[np.r_[True, np.any(xy[1:] != xy[:-1], axis=1)]]
    return kept if len(kept) >= 4 else None


def without_repeats(geom: shapely.Geometry) -> shapely.Geometry:
    """Rounding lands neighbouring vertices on one point: drop the repeats and collapsed rings."""
    polygons = []
    for part in shapely.get_parts(geom):
        shell = ring_without_repeats(part.exterior)
        if shell is None:
            continue
        holes = [hole for hole in map(ring_without_repeats, part.interiors) if hole is not None]
        polygons.append(shapely.Polygon(shell, holes))
    return polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)


def round_coordinates(geoms: np.ndarray, decimals: int = DECIMALS) -> np.ndarray:
    """Round every vertex, dropping repeats; repair (keeping polygonal parts) what rounding collapsed."""
    rounded = [without_repeats(geom) for geom in shapely.transform(geoms, lambda xy: np.round(xy, decimals))]
    repaired = [
        geom if geom.is_valid else polygonal(shapely.make_valid(geom, method="structure"))
        for geom in rounded
    ]
    return np.array([polygonal(geom) for geom in repaired], dtype=object)


def check_geometry(codes: Sequence[str], geoms: np.ndarray, coverage: bool) -> None:
    """Fail on empty, invalid or non-polygonal shapes, or (for a coverage) overlaps and gaps in edges."""
    bad = [
        f"{code} ({shapely.is_valid_reason(geom)})" for code, geom in zip(codes, geoms, strict=True)
        if geom.is_empty or not geom.is_valid or geom.geom_type not in POLYGONAL
    ]
    if bad:
        raise ValueError(f"derived geometry is broken for: {', '.join(bad[:10])}")
    if coverage and not shapely.coverage_is_valid(geoms):
        edges = shapely.coverage_invalid_edges(geoms)
        broken = [code for code, edge in zip(codes, edges, strict=True) if not edge.is_empty]
        raise ValueError(f"derived shapes no longer form a coverage near: {', '.join(broken[:10])}")


def dissolve_provinces(geoms: np.ndarray, province_codes: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """Provinces as the exact union of their (already simplified) districts, sorted by code."""
    codes = sorted(set(province_codes))
    owner = np.asarray(province_codes)
    unions = [polygonal(shapely.coverage_union_all(geoms[owner == code])) for code in codes]
    return codes, np.array(unions, dtype=object)


def feature(code: str, properties: dict[str, str], geom: shapely.Geometry) -> dict[str, Any]:
    """One GeoJSON feature keyed by its code (the join key the app uses)."""
    return {"type": "Feature", "id": code, "properties": properties, "geometry": mapping(geom)}


def feature_collection_text(features: list[dict[str, Any]]) -> str:
    """Compact GeoJSON with one feature per line, so a rebuild shows up as a readable diff."""
    lines = ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features)
    return '{"type":"FeatureCollection","features":[\n' + lines + "\n]}\n"


def district_features(frame: gpd.GeoDataFrame, geoms: np.ndarray) -> list[dict[str, Any]]:
    """District features with the reference names (codes as strings)."""
    names = read_reference("districts").set_index("district_code")
    return [
        feature(code, {
            "code": code, "province_code": str(names.at[code, "province_code"]),
            "name_th": str(names.at[code, "name_th"]), "name_en": str(names.at[code, "name_en"]),
        }, geom)
        for code, geom in zip(frame["code"], geoms, strict=True)
    ]


def province_features(codes: list[str], geoms: np.ndarray) -> list[dict[str, Any]]:
    """Province features with the reference names and region."""
    names = read_reference("provinces").set_index("province_code")
    missing = sorted(set(names.index) ^ set(codes))
    if missing:
        raise ValueError(f"provinces.csv and the districts' province codes disagree on: {', '.join(missing)}")
    return [
        feature(code, {
            "code": code, "name_th": str(names.at[code, "name_th"]),
            "name_en": str(names.at[code, "name_en"]), "region_code": str(names.at[code, "region_code"]),
        }, geom)
        for code, geom in zip(codes, geoms, strict=True)
    ]


def build(out_dir: Path = GEO_DIR) -> dict[str, Path]:
    """Derive and write provinces.geojson and districts.geojson into out_dir."""
    frame = read_source_districts()
    # The source has one sliver overlap (7702 Kui Buri / 7708 Sam Roi Yot); coverage tools need none.
    cleaned = shapely.coverage_clean(frame.geometry.to_numpy())
    tolerances = district_tolerances(cleaned, list(frame["province_code"]))
    simplified = simplify_coverage(cleaned, tolerances)
    districts = shapely.orient_polygons(round_coordinates(simplified), exterior_cw=True)
    check_geometry(list(frame["code"]), districts, coverage=True)
    codes, unions = dissolve_provinces(districts, list(frame["province_code"]))
    provinces = shapely.orient_polygons(unions, exterior_cw=True)
    check_geometry(codes, provinces, coverage=True)

    out_dir.mkdir(parents=True, exist_ok=True)
    outputs = {"provinces": out_dir / PROVINCES_PATH.name, "districts": out_dir / DISTRICTS_PATH.name}
    outputs["provinces"].write_text(
        feature_collection_text(province_features(codes, provinces)), encoding="utf-8"
    )
    outputs["districts"].write_text(
        feature_collection_text(district_features(frame, districts)), encoding="utf-8"
    )
    return outputs


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point; prints each derived file with its size."""
    parser = argparse.ArgumentParser(
        prog="python -m geo.build", description="Derive the served boundaries from geo/source/."
    )
    parser.add_argument("--out-dir", type=Path, default=GEO_DIR, help="where to write (default: geo/)")
    args = parser.parse_args(argv)
    for level, path in build(args.out_dir).items():
        count = len(json.loads(path.read_text(encoding="utf-8"))["features"])
        print(f"{path}: {count} {level}, {path.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
