"""DeepStateMap history snapshots: mapping, arrows, clipping, dates and bad input.

Every fixture is written here by tests/deepstate_fixtures.py from the format
facts (no downloaded data).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import shapely
from pyproj import Geod
from shapely.geometry import Polygon

from kursk_tracker.core.import_result import ImportResult, Level, SnapshotData
from kursk_tracker.core.series import FeatureKind
from kursk_tracker.importers import deepstate, deepstate_classify
from kursk_tracker.importers.base import Feedback, ImportOptions
from tests.deepstate_fixtures import (
    FILL_UA_2022,
    KURSK_AOI,
    area_feature,
    arrow_feature,
    unit_feature,
    unix_name,
    write_deepstate_file,
)

GEOD = Geod(ellps="WGS84")
UTC = dt.timezone.utc
INSTANT = dt.datetime(2024, 10, 29, 22, 0, tzinfo=UTC)  # 1730239200
KURSK = ImportOptions(area_of_interest=KURSK_AOI)
WHOLE_FRONT = ImportOptions()


def km2(geometry: object) -> float:
    return abs(GEOD.geometry_area_perimeter(geometry)[0]) / 1e6


def run(paths: list[Path], options: ImportOptions = KURSK, feedback: Feedback | None = None) -> ImportResult:
    return deepstate.import_files(paths, options, feedback or Feedback())


def one_snapshot(result: ImportResult) -> SnapshotData:
    assert len(result.snapshots) == 1, [str(i) for i in result.issues]
    return result.snapshots[0]


def areas(snapshot: SnapshotData, side: str | None, status: str) -> list:
    return [
        f
        for f in snapshot.features
        if f.kind == FeatureKind.AREAS and f.side == side and f.attributes["status"] == status
    ]


def of_kind(snapshot: SnapshotData, kind: FeatureKind) -> list:
    return [f for f in snapshot.features if f.kind == kind]


def messages(result: ImportResult, path: Path, level: Level | None = None) -> list[str]:
    return [i.problem for i in result.issues if i.path == str(path) and (level is None or i.level == level)]


def errors(result: ImportResult) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for issue in result.issues:
        if issue.level == Level.ERROR:
            found.setdefault(Path(issue.path).name, []).append(issue.problem)
    return found


def qgis_extent(text: str) -> tuple[float, float, float, float]:
    """QGIS writes extents as "xmin,xmax,ymin,ymax"; our BBox is xmin, ymin, xmax, ymax."""
    xmin, xmax, ymin, ymax = (float(v) for v in text.split(","))
    return xmin, ymin, xmax, ymax


@pytest.fixture
def front(tmp_path: Path):
    return write_deepstate_file(tmp_path / unix_name(INSTANT), INSTANT)


# --- sniffing and sides -------------------------------------------------------


def test_looks_like_recognises_deepstate_files_and_not_plain_geojson(tmp_path: Path, front) -> None:
    plain = tmp_path / "plain.geojson"
    plain.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": "x"},
                        "geometry": {"type": "Point", "coordinates": [35, 51]},
                    }
                ],
            }
        )
    )
    assert deepstate.looks_like(front.path)
    assert not deepstate.looks_like(plain)
    assert not deepstate.looks_like(tmp_path / "missing.geojson")


def test_sides_are_ukraine_in_blue_and_russia_in_red(front) -> None:
    result = run([front.path])
    sides = {side.code: side for side in result.sides}
    assert sides["UA"].names == {"en": "Ukraine", "de": "Ukraine"} and sides["UA"].colour == "#1f5fbf"
    assert sides["RU"].names == {"en": "Russia", "de": "Russland"} and sides["RU"].colour == "#c8102e"


# --- mapping of keys and fills ------------------------------------------------


def test_dismissed_2024_blue_becomes_the_ua_held_salient_with_its_area_in_km2(front) -> None:
    snapshot = one_snapshot(run([front.path]))
    (held,) = areas(snapshot, "UA", "controlled")
    expected = km2(front.salient)
    assert 800 < expected < 1400  # a salient of the real size
    assert km2(held.geometry) == pytest.approx(expected, rel=0.005)
    assert shapely.equals_exact(shapely.normalize(held.geometry), shapely.normalize(front.salient), 1e-9)


def test_occupied_becomes_ru_controlled(front) -> None:
    snapshot = one_snapshot(run([front.path], WHOLE_FRONT))
    (occupied,) = areas(snapshot, "RU", "controlled")
    assert km2(occupied.geometry) == pytest.approx(km2(front.occupied), rel=0.001)


def test_unknown_status_becomes_contested_ground_of_no_side(front) -> None:
    snapshot = one_snapshot(run([front.path]))
    (grey,) = areas(snapshot, None, "contested")
    assert km2(grey.geometry) == pytest.approx(sum(km2(p) for p in front.unknown), rel=0.005)
    assert not any(
        f.side == "UA" and f.geometry.overlaps(grey.geometry) for f in of_kind(snapshot, FeatureKind.AREAS)
    )


def test_areas_freed_in_2022_are_not_held_areas_and_are_counted_once(tmp_path: Path) -> None:
    # One 2022-green area even inside the Kursk area must stay out.
    green = Polygon([(35.9, 51.6), (36.1, 51.6), (36.1, 51.8), (35.9, 51.8)])
    path = tmp_path / unix_name(INSTANT)
    written = write_deepstate_file(
        path, INSTANT, extra_features=[area_feature("status.dismissed", green, FILL_UA_2022)]
    )
    result = run([path], WHOLE_FRONT)
    snapshot = one_snapshot(result)
    (held,) = areas(snapshot, "UA", "controlled")
    for freed in [green, *written.freed_2022]:
        assert not held.geometry.intersects(freed)
    notes = [m for m in messages(result, path, Level.INFO) if "2022" in m]
    assert len(notes) == 1 and "3 areas" in notes[0]


def test_lighter_recent_blue_is_ua_and_an_unknown_liberated_colour_is_warned(tmp_path: Path) -> None:
    light = Polygon([(35.9, 51.6), (36.0, 51.6), (36.0, 51.7), (35.9, 51.7)])
    odd = Polygon([(35.9, 51.75), (36.0, 51.75), (36.0, 51.85), (35.9, 51.85)])
    path = tmp_path / unix_name(INSTANT)
    write_deepstate_file(
        path,
        INSTANT,
        extra_features=[
            area_feature("status.dismissed", light, "#0288d1"),
            area_feature("status.dismissed", odd, "#123456"),
        ],
    )
    result = run([path])
    (held,) = areas(one_snapshot(result), "UA", "controlled")
    assert held.geometry.contains(light.buffer(-1e-4)) and held.geometry.contains(odd.buffer(-1e-4))
    warnings = messages(result, path, Level.WARNING)
    assert any("#123456" in m for m in warnings)
    assert not any("#0288d1" in m for m in warnings)


def test_side_mapping_of_the_user_overrides_the_colour_rules(tmp_path: Path) -> None:
    path = tmp_path / unix_name(INSTANT)
    written = write_deepstate_file(path, INSTANT)
    options = ImportOptions(side_mapping={FILL_UA_2022: "UA", "status.occupied": ""})
    snapshot = one_snapshot(run([path], options))
    (held,) = areas(snapshot, "UA", "controlled")
    assert held.geometry.intersects(written.freed_2022[0])
    assert areas(snapshot, "RU", "controlled") == []


def test_crimea_and_other_territories_are_ignored_with_one_info(front) -> None:
    result = run([front.path], WHOLE_FRONT)
    snapshot = one_snapshot(result)
    assert not any(f.geometry.intersects(front.crimea) for f in of_kind(snapshot, FeatureKind.AREAS))
    assert len([m for m in messages(result, front.path, Level.INFO) if "Crimea" in m]) == 1


# --- arrows and units ---------------------------------------------------------


def test_attack_directions_become_arrows_ending_at_the_point_heading_as_the_icon_says(front) -> None:
    arrows = of_kind(one_snapshot(run([front.path])), FeatureKind.MOVEMENTS)
    assert len(arrows) == len(front.kursk_arrows)
    for lon, lat, heading in front.kursk_arrows:
        (arrow,) = [a for a in arrows if a.geometry.coords[-1] == pytest.approx((lon, lat), abs=1e-9)]
        (tail_lon, tail_lat), (head_lon, head_lat) = arrow.geometry.coords
        azimuth, _, length = GEOD.inv(tail_lon, tail_lat, head_lon, head_lat)
        assert (azimuth - heading + 180) % 360 - 180 == pytest.approx(0, abs=2)
        assert 2000 < length < 10000  # a few km
        assert arrow.side == "RU" and arrow.attributes["kind"] == "attack"


@pytest.mark.parametrize(
    ("icon", "bearing"),
    [
        ("{icon=arrow_0}", 0.0),
        ("{icon=arrow_90}", 90.0),
        ("{{icon=arrow_270}}", 270.0),
        ("{icon=arrow_360}", 0.0),
        ("no icon", None),
    ],
)
def test_arrow_icon_is_read_as_degrees_clockwise_from_north(icon: str, bearing: float | None) -> None:
    assert deepstate_classify.bearing_from_icon(icon) == bearing


def test_ukrainian_attack_direction_is_side_ua_and_arrows_without_icon_are_warned(tmp_path: Path) -> None:
    no_icon = arrow_feature(35.9, 51.7, 0)
    no_icon["properties"]["description"] = ""
    path = tmp_path / unix_name(INSTANT)
    write_deepstate_file(
        path,
        INSTANT,
        extra_features=[
            arrow_feature(35.8, 51.6, 90, english="Counteroffensive of the Armed Forces of Ukraine"),
            no_icon,
        ],
    )
    result = run([path])
    arrows = of_kind(one_snapshot(result), FeatureKind.MOVEMENTS)
    (ukrainian,) = [a for a in arrows if a.side == "UA"]
    assert ukrainian.geometry.coords[-1] == pytest.approx((35.8, 51.6))
    assert any("without an arrow icon" in m for m in messages(result, path, Level.WARNING))


def test_unit_markers_become_annotations_with_the_english_name(front) -> None:
    notes = of_kind(one_snapshot(run([front.path])), FeatureKind.ANNOTATIONS)
    assert sorted(n.attributes["text"] for n in notes) == sorted(t for _, _, t in front.kursk_units)
    for lon, lat, text in front.kursk_units:
        (note,) = [n for n in notes if n.attributes["text"] == text]
        assert (note.geometry.x, note.geometry.y) == pytest.approx((lon, lat))
        assert not note.geometry.has_z


def test_unit_name_with_no_break_spaces_is_trimmed(tmp_path: Path) -> None:
    path = tmp_path / unix_name(INSTANT)
    write_deepstate_file(path, INSTANT, extra_features=[unit_feature(35.9, 51.7, "\xa047th Brigade\n")])
    texts = [n.attributes["text"] for n in of_kind(one_snapshot(run([path])), FeatureKind.ANNOTATIONS)]
    assert "47th Brigade" in texts


# --- clipping -----------------------------------------------------------------


def test_clipping_to_the_kursk_area_keeps_only_kursk_features(front) -> None:
    box = qgis_extent("34.0,36.2,50.95,51.9")
    assert box == KURSK_AOI
    snapshot = one_snapshot(run([front.path], ImportOptions(area_of_interest=box)))
    whole = one_snapshot(run([front.path], WHOLE_FRONT))
    assert len(whole.features) > len(snapshot.features)
    aoi = shapely.box(*box).buffer(1e-9)
    for feature in snapshot.features:
        assert aoi.contains(feature.geometry), feature
        assert not feature.geometry.has_z
    assert areas(snapshot, "RU", "controlled") == []  # the occupied south and east lie outside
    assert len(of_kind(snapshot, FeatureKind.ANNOTATIONS)) == len(front.kursk_units)


def test_an_area_crossing_the_edge_is_cut_at_the_edge(tmp_path: Path) -> None:
    across = Polygon([(36.0, 51.5), (36.5, 51.5), (36.5, 51.7), (36.0, 51.7)])
    path = tmp_path / unix_name(INSTANT)
    write_deepstate_file(path, INSTANT, extra_features=[area_feature("status.occupied", across, "#a52714")])
    (ru,) = areas(one_snapshot(run([path])), "RU", "controlled")
    assert ru.geometry.bounds == pytest.approx((36.0, 51.5, 36.2, 51.7))


# --- dates --------------------------------------------------------------------


def test_unix_timestamp_name_gives_the_utc_instant(tmp_path: Path) -> None:
    path = tmp_path / "1730239200.geojson"
    write_deepstate_file(path, size_kb=50)
    valid_at = one_snapshot(run([path])).valid_at
    assert valid_at == dt.datetime(2024, 10, 29, 22, 0, tzinfo=UTC)
    assert valid_at.utcoffset() is not None


def test_date_in_the_name_is_read_in_the_series_time_zone(tmp_path: Path) -> None:
    path = tmp_path / "deepstate_2024-10-29.geojson"
    write_deepstate_file(path, size_kb=50)
    valid_at = one_snapshot(
        run([path], ImportOptions(area_of_interest=KURSK_AOI, timezone="Europe/Berlin"))
    ).valid_at
    assert valid_at == dt.datetime(2024, 10, 29, tzinfo=ZoneInfo("Europe/Berlin"))


def test_history_api_wrapper_gives_the_date_when_the_name_has_none(tmp_path: Path) -> None:
    path = tmp_path / "last.json"
    write_deepstate_file(path, INSTANT, size_kb=50, wrapper=True)
    snapshot = one_snapshot(run([path]))
    assert snapshot.valid_at == INSTANT
    assert areas(snapshot, "UA", "controlled")


def test_file_without_a_date_is_refused_by_name_unless_the_user_gives_one(tmp_path: Path) -> None:
    undated = tmp_path / "front.geojson"
    dated = tmp_path / unix_name(INSTANT)
    write_deepstate_file(undated, size_kb=50)
    write_deepstate_file(dated, INSTANT, size_kb=50)
    result = run([undated, dated])
    assert [s.origin for s in result.snapshots] == [str(dated)]
    assert any("no date" in m for m in errors(result)["front.geojson"])
    asked = dt.datetime(2024, 9, 1, 12, tzinfo=UTC)
    options = ImportOptions(area_of_interest=KURSK_AOI, ask_date=lambda p: asked if p == undated else None)
    assert one_snapshot(run([undated], options)).valid_at == asked


def test_two_files_with_the_same_timestamp_the_second_is_refused_and_named(tmp_path: Path) -> None:
    first = tmp_path / "a" / unix_name(INSTANT)
    second = tmp_path / "b" / unix_name(INSTANT)
    other = tmp_path / "a" / unix_name(INSTANT + dt.timedelta(days=1))
    for path in (first, second, other):
        path.parent.mkdir(exist_ok=True)
        write_deepstate_file(path, size_kb=50)
    result = run([first, second, other])
    assert [s.origin for s in result.snapshots] == [str(first), str(other)]
    (problem,) = messages(result, second, Level.ERROR)
    assert "same date" in problem and first.name in problem


# --- bad input ----------------------------------------------------------------


def test_empty_file_is_an_error_naming_the_file_while_the_others_import(tmp_path: Path) -> None:
    empty = tmp_path / unix_name(INSTANT)
    empty.write_bytes(b"")
    good = tmp_path / unix_name(INSTANT + dt.timedelta(days=1))
    write_deepstate_file(good, size_kb=50)
    result = run([empty, good])
    assert [s.origin for s in result.snapshots] == [str(good)]
    (problem,) = messages(result, empty, Level.ERROR)
    assert "empty" in problem


def test_truncated_json_is_an_error_with_its_line(tmp_path: Path) -> None:
    whole = tmp_path / "whole.json"
    write_deepstate_file(whole, size_kb=50)
    cut = tmp_path / unix_name(INSTANT)
    cut.write_bytes(whole.read_bytes()[:20000])
    good = tmp_path / unix_name(INSTANT + dt.timedelta(days=1))
    write_deepstate_file(good, size_kb=50)
    result = run([cut, good])
    assert [s.origin for s in result.snapshots] == [str(good)]
    (problem,) = messages(result, cut, Level.ERROR)
    assert "truncated JSON" in problem and "line 1" in problem


def test_json_that_is_not_a_feature_collection_is_named(tmp_path: Path) -> None:
    path = tmp_path / unix_name(INSTANT)
    path.write_text('{"type": "Topology", "objects": {}}')
    result = run([path])
    assert result.snapshots == []
    assert any("FeatureCollection" in m for m in messages(result, path, Level.ERROR))


def test_self_intersecting_polygon_is_repaired_and_reported(tmp_path: Path) -> None:
    bowtie = Polygon([(35.8, 51.6), (36.0, 51.8), (36.0, 51.6), (35.8, 51.8)])
    assert not bowtie.is_valid
    path = tmp_path / unix_name(INSTANT)
    write_deepstate_file(path, INSTANT, extra_features=[area_feature("status.occupied", bowtie, "#a52714")])
    result = run([path])
    (ru,) = areas(one_snapshot(result), "RU", "controlled")
    assert ru.geometry.is_valid and km2(ru.geometry) > 50
    assert any("repaired" in m.lower() for m in messages(result, path))


def test_unreadable_geometry_is_skipped_and_counted_while_the_rest_imports(tmp_path: Path) -> None:
    broken = arrow_feature(35.9, 51.7, 0)
    broken["geometry"]["coordinates"] = ["east", "north"]
    path = tmp_path / unix_name(INSTANT)
    write_deepstate_file(path, INSTANT, extra_features=[broken])
    result = run([path])
    assert areas(one_snapshot(result), "UA", "controlled")
    assert any("unreadable geometry" in m for m in messages(result, path, Level.WARNING))


def test_legacy_names_without_key_are_classified_by_words_and_fill_and_said_once(tmp_path: Path) -> None:
    path = tmp_path / "deepstate_20220915.geojson"
    written = write_deepstate_file(path, legacy=True, size_kb=80)
    result = run([path])
    snapshot = one_snapshot(result)
    (held,) = areas(snapshot, "UA", "controlled")
    assert km2(held.geometry) == pytest.approx(km2(written.salient), rel=0.005)
    assert areas(snapshot, None, "contested")  # GeometryCollections of the 2022 files
    assert len(of_kind(snapshot, FeatureKind.MOVEMENTS)) == len(written.kursk_arrows)
    notes = [m for m in messages(result, path, Level.INFO) if "no DeepState key" in m]
    assert len(notes) == 1


# --- progress and cancel ------------------------------------------------------


def test_progress_is_reported_per_file_and_cancel_stops_after_the_current_file(tmp_path: Path) -> None:
    paths = []
    for day in range(3):
        path = tmp_path / unix_name(INSTANT + dt.timedelta(days=day))
        write_deepstate_file(path, size_kb=50)
        paths.append(path)
    fractions: list[float] = []
    result = run(paths, feedback=Feedback(progress=fractions.append))
    assert fractions == pytest.approx([1 / 3, 2 / 3, 1.0]) and not result.cancelled
    fractions.clear()
    cancelled = run(paths, feedback=Feedback(progress=fractions.append, is_cancelled=lambda: bool(fractions)))
    assert cancelled.cancelled
    assert [s.origin for s in cancelled.snapshots] == [str(paths[0])]
