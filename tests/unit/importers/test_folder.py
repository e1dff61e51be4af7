"""A folder of dated files: GeoJSON, GeoPackage, Shapefile; dates, CRSs and bad files."""

from __future__ import annotations

import datetime as dt
import json
import sys
import types
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import shapely
from osgeo import ogr, osr
from shapely.geometry import LineString, Point, Polygon

from kursk_tracker.core.import_result import ImportResult, Level, SituationFeature, SnapshotData
from kursk_tracker.core.series import FeatureKind
from kursk_tracker.importers import folder
from kursk_tracker.importers.base import Feedback, ImportOptions

BERLIN = ZoneInfo("Europe/Berlin")
UTC = dt.timezone.utc
# Ground near Sudzha, in longitude/latitude.
HELD = Polygon([(35.10, 51.10), (35.40, 51.10), (35.40, 51.30), (35.10, 51.30)])
OCCUPIED = Polygon([(35.50, 51.20), (35.80, 51.20), (35.80, 51.45), (35.50, 51.45)])
FRONT = LineString([(35.0, 51.0), (35.2, 51.2), (35.5, 51.4)])


def feature(geometry: dict, **properties: object) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def polygon(shape: Polygon, z: float | None = None) -> dict:
    ring = [list(c) + ([z] if z is not None else []) for c in shape.exterior.coords]
    return {"type": "Polygon", "coordinates": [ring]}


def write_geojson(path: Path, *features: dict) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": list(features)}), encoding="utf-8")
    return path


def write_ogr(
    path: Path,
    driver: str,
    epsg: int | None,
    rows: list[tuple[object, dict]],
    layer: str | None = None,
    fields: dict[str, int] | None = None,
    metadata: dict[str, str] | None = None,
) -> Path:
    """A vector file in the given CRS; geometries are given in WGS84 and transformed to it."""
    source = osr.SpatialReference()
    source.ImportFromEPSG(4326)
    source.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    target = None
    if epsg is not None:
        target = osr.SpatialReference()
        target.ImportFromEPSG(epsg)
        target.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    dataset = ogr.GetDriverByName(driver).CreateDataSource(str(path))
    out = dataset.CreateLayer(
        layer or path.stem,
        target,
        ogr.wkbUnknown
        if driver == "GPKG"
        else {0: ogr.wkbPoint, 1: ogr.wkbLineString, 2: ogr.wkbPolygon}[
            int(shapely.get_dimensions(rows[0][0]))
        ],
    )
    for name, kind in (fields or {"side": ogr.OFTString}).items():
        out.CreateField(ogr.FieldDefn(name, kind))
    for geometry, values in rows:
        geom = ogr.CreateGeometryFromWkt(geometry.wkt)
        if target is not None:
            geom.Transform(osr.CoordinateTransformation(source, target))
        record = ogr.Feature(out.GetLayerDefn())
        record.SetGeometry(geom)
        for name, value in values.items():
            record.SetField(name, value)
        out.CreateFeature(record)
    for key, value in (metadata or {}).items():
        out.SetMetadataItem(key, value)
    dataset = None
    return path


def run(paths: list[Path], **options: object) -> ImportResult:
    return folder.import_files(paths, ImportOptions(**options), Feedback())


def errors(result: ImportResult) -> list[str]:
    return [str(i) for i in result.issues if i.level == Level.ERROR]


def areas(snapshot: SnapshotData, side: str) -> list[SituationFeature]:
    return [f for f in snapshot.features if f.kind == FeatureKind.AREAS and f.side == side]


def test_folder_of_geojson_gpkg_and_shapefile_in_different_crs_comes_out_in_wgs84(tmp_path: Path) -> None:
    write_geojson(tmp_path / "2024-10-29.geojson", feature(polygon(HELD), side="UA"))
    write_ogr(tmp_path / "lagebild_20241105_2200.gpkg", "GPKG", 3857, [(HELD, {"side": "UA"})])
    write_ogr(tmp_path / "week14.shp", "ESRI Shapefile", 32636, [(HELD, {"side": "UA"})])
    (tmp_path / "notes.txt").write_text("not data")

    result = run([tmp_path], epoch=dt.date(2024, 8, 6))

    assert errors(result) == []
    assert [s.valid_at for s in result.snapshots] == [
        dt.datetime(2024, 10, 29, tzinfo=BERLIN),
        dt.datetime(2024, 11, 5, 22, 0, tzinfo=BERLIN),
        dt.datetime(2024, 11, 12, 12, 0, tzinfo=BERLIN),
    ]
    for snapshot in result.snapshots:
        (held,) = areas(snapshot, "UA")
        assert shapely.hausdorff_distance(held.geometry, HELD) < 1e-6, snapshot.source
        assert held.attributes["status"] == "controlled"
    assert [s.source for s in result.snapshots] == [
        "2024-10-29.geojson",
        "lagebild_20241105_2200.gpkg",
        "week14.shp",
    ]
    assert result.snapshots[1].title == "lagebild_20241105_2200"
    assert result.snapshots[1].origin == str(tmp_path / "lagebild_20241105_2200.gpkg")


def test_3d_coordinates_are_dropped(tmp_path: Path) -> None:
    path = write_geojson(
        tmp_path / "2024-10-29.geojson",
        feature(polygon(HELD, z=0.0), side="UA"),
        feature({"type": "Point", "coordinates": [35.3, 51.2, 150.0]}, text="Sudzha"),
    )
    result = run([path])
    (snapshot,) = result.snapshots
    assert snapshot.features
    assert not any(shapely.has_z(f.geometry) for f in snapshot.features)
    label = next(f for f in snapshot.features if f.kind == FeatureKind.ANNOTATIONS)
    assert label.attributes["text"] == "Sudzha"
    assert label.geometry.equals(Point(35.3, 51.2))


def test_self_intersecting_polygon_is_repaired_and_reported(tmp_path: Path) -> None:
    bowtie = {
        "type": "Polygon",
        "coordinates": [[[35.0, 51.0], [35.4, 51.4], [35.4, 51.0], [35.0, 51.4], [35.0, 51.0]]],
    }
    path = write_geojson(tmp_path / "2024-10-29.geojson", feature(bowtie, side="RU"))
    result = run([path])
    (snapshot,) = result.snapshots
    (area,) = areas(snapshot, "RU")
    assert area.geometry.is_valid
    assert area.geometry.area == pytest.approx(0.08)  # both triangles kept
    (repair,) = result.repairs
    assert repair.path == str(path) and repair.repair
    assert repair.problem == "repaired an area: self-intersection at 51.2000 N, 35.2000 E"
    assert result.problems == []  # a repair is no problem: the area is imported


def test_a_geojson_cut_inside_a_string_is_named_truncated(tmp_path: Path) -> None:
    text = json.dumps({"type": "FeatureCollection", "features": [feature(polygon(HELD), side="UA")]})
    cut = tmp_path / "2024-10-24.geojson"
    cut.write_text(text[: text.index('"Polygon"') + 4])  # stops inside the string "Polygon"
    result = run([cut])
    (problem,) = result.problems
    assert problem.problem.startswith("truncated JSON at line 1, column ")


def test_bad_files_are_named_and_the_others_still_import(tmp_path: Path) -> None:
    good = write_geojson(tmp_path / "2024-10-22.geojson", feature(polygon(HELD), side="UA"))
    (tmp_path / "2024-10-23.geojson").write_text("")
    truncated = json.dumps(
        {"type": "FeatureCollection", "features": [feature(polygon(HELD), side="UA")]}, indent=1
    )
    (tmp_path / "2024-10-24.geojson").write_text(truncated[: len(truncated) // 2])
    write_geojson(tmp_path / "2024-10-25.geojson")  # valid, but no features
    write_geojson(tmp_path / "no_date_here.geojson", feature(polygon(HELD), side="UA"))
    later = write_geojson(tmp_path / "2024-10-29.geojson", feature(polygon(OCCUPIED), side="RU"))

    result = run([tmp_path])

    assert [s.origin for s in result.snapshots] == [str(good), str(later)]
    problems = {Path(i.path).name: i.problem for i in result.issues if i.level == Level.ERROR}
    assert problems["2024-10-23.geojson"] == "the file is empty"
    assert problems["2024-10-24.geojson"].startswith("truncated JSON at line ")
    assert problems["2024-10-25.geojson"] == "the file holds no features"
    assert problems["no_date_here.geojson"] == "no date in the file name, fields or metadata"
    assert len(problems) == 4


def test_a_corrupt_geopackage_is_an_error_for_that_file(tmp_path: Path) -> None:
    (tmp_path / "2024-10-22.gpkg").write_bytes(b"SQLite format 3\0" + b"\x07" * 200)
    good = write_geojson(tmp_path / "2024-10-29.geojson", feature(polygon(HELD), side="UA"))
    result = run([tmp_path])
    assert [s.origin for s in result.snapshots] == [str(good)]
    (error,) = errors(result)
    assert "2024-10-22.gpkg" in error


def test_duplicate_dates_skip_the_later_file_and_name_both(tmp_path: Path) -> None:
    first = write_geojson(tmp_path / "2024-10-29.geojson", feature(polygon(HELD), side="UA"))
    write_ogr(tmp_path / "20241029.gpkg", "GPKG", 4326, [(OCCUPIED, {"side": "RU"})])
    result = run([tmp_path])
    (snapshot,) = result.snapshots
    assert snapshot.origin == str(first)
    (issue,) = [i for i in result.issues if i.level == Level.ERROR]
    assert issue.path == str(tmp_path / "20241029.gpkg")
    assert "2024-10-29.geojson" in issue.problem and "same date" in issue.problem


def test_ask_date_is_used_when_nothing_else_dates_the_file(tmp_path: Path) -> None:
    path = write_geojson(tmp_path / "lage.geojson", feature(polygon(HELD), side="UA"))
    asked: list[Path] = []

    def ask(p: Path) -> dt.datetime:
        asked.append(p)
        return dt.datetime(2024, 10, 29, 22, 0)  # naive: read in the series zone

    result = run([path], ask_date=ask)
    assert asked == [path]
    assert result.snapshots[0].valid_at == dt.datetime(2024, 10, 29, 22, 0, tzinfo=BERLIN)
    assert errors(result) == []


def test_ask_date_is_not_asked_when_the_name_has_a_date(tmp_path: Path) -> None:
    path = write_geojson(tmp_path / "2024-10-29.geojson", feature(polygon(HELD), side="UA"))
    result = run([path], ask_date=lambda p: pytest.fail("asked although the name has a date"))
    assert len(result.snapshots) == 1


def test_a_week_number_without_epoch_says_so(tmp_path: Path) -> None:
    path = write_geojson(tmp_path / "week12.geojson", feature(polygon(HELD), side="UA"))
    result = run([path])
    assert result.snapshots == []
    (error,) = errors(result)
    assert "week 12" in error and "epoch" in error


def test_date_from_a_field_when_the_name_has_none_latest_wins_and_is_reported(tmp_path: Path) -> None:
    path = write_geojson(
        tmp_path / "lage.geojson",
        feature(polygon(HELD), side="UA", date="2024-10-28"),
        feature(polygon(OCCUPIED), side="RU", Date="2024-10-29T21:00:00Z"),
    )
    result = run([path])
    assert result.snapshots[0].valid_at == dt.datetime(2024, 10, 29, 21, 0, tzinfo=UTC)
    assert any("different dates" in i.problem for i in result.issues if i.level == Level.WARNING)


def test_epoch_milliseconds_editdate_field_dates_the_file(tmp_path: Path) -> None:
    path = write_geojson(
        tmp_path / "control.geojson", feature(polygon(HELD), side="UA", editdate=1730239200000)
    )
    result = run([path])
    assert result.snapshots[0].valid_at == dt.datetime(2024, 10, 29, 22, 0, tzinfo=UTC)


def test_date_from_layer_metadata(tmp_path: Path) -> None:
    path = write_ogr(
        tmp_path / "lage.gpkg",
        "GPKG",
        4326,
        [(HELD, {"side": "UA"})],
        metadata={"SITUATION_DATE": "2024-10-29T22:00:00+01:00"},
    )
    result = run([path])
    assert errors(result) == []
    assert result.snapshots[0].valid_at == dt.datetime(2024, 10, 29, 21, 0, tzinfo=UTC)


def test_cancel_after_the_first_file_stops_the_import(tmp_path: Path) -> None:
    for day in (22, 23, 24):
        write_geojson(tmp_path / f"2024-10-{day}.geojson", feature(polygon(HELD), side="UA"))
    progress: list[float] = []
    feedback = Feedback(progress=progress.append, is_cancelled=lambda: len(progress) >= 1)
    result = folder.import_files([tmp_path], ImportOptions(), feedback)
    assert result.cancelled
    assert [s.source for s in result.snapshots] == ["2024-10-22.geojson"]
    assert progress == [pytest.approx(1 / 3)]


def test_progress_reaches_one(tmp_path: Path) -> None:
    for day in (22, 23):
        write_geojson(tmp_path / f"2024-10-{day}.geojson", feature(polygon(HELD), side="UA"))
    progress: list[float] = []
    folder.import_files([tmp_path], ImportOptions(), Feedback(progress=progress.append))
    assert progress == [0.5, 1.0]


def test_unmapped_sides_give_one_warning_listing_the_values(tmp_path: Path) -> None:
    path = write_geojson(
        tmp_path / "2024-10-29.geojson",
        *[feature(polygon(HELD), party="Ukraine") for _ in range(5)],
        feature(polygon(OCCUPIED), party="Russia"),
    )
    result = run([path])
    warnings = [i for i in result.issues if i.level == Level.WARNING and "side" in i.problem]
    assert len(warnings) == 1
    assert warnings[0].path == str(path)
    assert '"Ukraine"' in warnings[0].problem and '"Russia"' in warnings[0].problem
    assert "6 features" in warnings[0].problem
    assert all(f.side is None for f in result.snapshots[0].features)


def test_side_mapping_on_field_values_and_layer_names(tmp_path: Path) -> None:
    by_value = write_geojson(
        tmp_path / "2024-10-28.geojson",
        feature(polygon(HELD), party="Ukraine"),
        feature(polygon(OCCUPIED), party="Russia"),
    )
    by_layer = write_ogr(
        tmp_path / "2024-10-29.gpkg",
        "GPKG",
        4326,
        [(OCCUPIED, {})],
        layer="Russisch besetzt",
        fields={"note": ogr.OFTString},
    )
    result = run(
        [by_value, by_layer], side_mapping={"ukraine": "UA", "Russia": "RU", "russisch besetzt": "RU"}
    )
    assert not [i for i in result.issues if "side" in i.problem]
    first, second = result.snapshots
    assert {f.side for f in first.features} == {"UA", "RU"}
    assert [f.side for f in second.features] == ["RU"]


def test_kind_mapping_on_layer_name_and_geometry_fallback(tmp_path: Path) -> None:
    path = tmp_path / "2024-10-29.gpkg"
    write_ogr(
        path,
        "GPKG",
        4326,
        [(FRONT, {"side": "RU", "name": "Vorstoß Sudscha"})],
        layer="Pfeile",
        fields={"side": ogr.OFTString, "name": ogr.OFTString},
    )
    dataset = ogr.Open(str(path), 1)
    lines = dataset.CreateLayer("Frontverlauf", dataset.GetLayer(0).GetSpatialRef(), ogr.wkbLineString)
    lines.CreateField(ogr.FieldDefn("name", ogr.OFTString))
    record = ogr.Feature(lines.GetLayerDefn())
    record.SetGeometry(ogr.CreateGeometryFromWkt(FRONT.wkt))
    record.SetField("name", "Front")
    lines.CreateFeature(record)
    dataset = None

    result = run([path], kind_mapping={"pfeile": "movements"})

    kinds = {f.kind: f for f in result.snapshots[0].features}
    assert kinds[FeatureKind.MOVEMENTS].side == "RU"
    assert kinds[FeatureKind.MOVEMENTS].attributes == {"label": "Vorstoß Sudscha", "kind": "attack"}
    assert kinds[FeatureKind.FRONT_LINES].attributes == {"name": "Front"}
    assert not [i for i in result.issues if "side" in i.problem]  # front lines need no side


def test_canonical_fields_give_kind_side_and_status(tmp_path: Path) -> None:
    path = write_geojson(
        tmp_path / "2024-10-29.geojson",
        feature(polygon(HELD), side="UA", status="contested"),
        feature(
            {"type": "LineString", "coordinates": list(FRONT.coords)},
            kind="counterattack",
            side="RU",
            label="Gegenangriff",
        ),
    )
    result = run([path])
    features = {f.kind: f for f in result.snapshots[0].features}
    assert features[FeatureKind.AREAS].attributes["status"] == "contested"
    assert features[FeatureKind.MOVEMENTS].attributes == {"kind": "counterattack", "label": "Gegenangriff"}


def test_projected_coordinates_without_crs_are_warned_about(tmp_path: Path) -> None:
    write_ogr(tmp_path / "2024-10-29.shp", "ESRI Shapefile", 3857, [(HELD, {"side": "UA"})])
    (tmp_path / "2024-10-29.prj").unlink()
    result = run([tmp_path / "2024-10-29.shp"])
    assert any("no coordinate system" in i.problem and i.level == Level.WARNING for i in result.issues)


def test_a_series_geopackage_is_not_read_as_one_date(tmp_path: Path) -> None:
    path = write_ogr(tmp_path / "2024-10-29.gpkg", "GPKG", 4326, [(HELD, {"side": "UA"})], layer="areas")
    dataset = ogr.Open(str(path), 1)
    for table in ("snapshots", "series_settings"):
        dataset.CreateLayer(table, None, ogr.wkbNone, ["ASPATIAL_VARIANT=GPKG_ATTRIBUTES"])
    dataset = None
    result = run([path])
    assert result.snapshots == []
    assert "series GeoPackage" in errors(result)[0]


def test_area_of_interest_clips(tmp_path: Path) -> None:
    path = write_geojson(
        tmp_path / "2024-10-29.geojson",
        feature(polygon(HELD), side="UA"),
        feature(polygon(OCCUPIED), side="RU"),
    )
    result = run([path], area_of_interest=(35.0, 51.0, 35.45, 51.5))
    assert [f.side for f in result.snapshots[0].features] == ["UA"]


def _fake_mymaps(monkeypatch: pytest.MonkeyPatch, calls: list[ImportOptions]) -> None:
    module = types.ModuleType("kursk_tracker.importers.mymaps")

    def import_files(paths: list[Path], options: ImportOptions, feedback: Feedback) -> ImportResult:
        calls.append(options)
        result = ImportResult()
        result.info(paths[0], "read by My Maps")
        result.snapshots.append(
            SnapshotData(
                dt.datetime(2020, 1, 1, tzinfo=UTC),
                [SituationFeature(FeatureKind.AREAS, HELD, "UA", {"status": "controlled"})],
                title="My Maps title",
            )
        )
        return result

    module.import_files = import_files  # type: ignore[attr-defined]
    module.looks_like = lambda path: True  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "kursk_tracker.importers.mymaps", module)


def test_kml_and_kmz_go_to_the_my_maps_importer_and_take_the_file_name_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[ImportOptions] = []
    _fake_mymaps(monkeypatch, calls)
    (tmp_path / "lagebild_20241029_2200.kmz").write_bytes(b"PK")
    write_geojson(tmp_path / "2024-10-22.geojson", feature(polygon(HELD), side="UA"))

    result = run([tmp_path])

    assert [s.valid_at for s in result.snapshots] == [
        dt.datetime(2024, 10, 22, tzinfo=BERLIN),
        dt.datetime(2024, 10, 29, 22, 0, tzinfo=BERLIN),
    ]
    kmz = result.snapshots[1]
    assert (kmz.title, kmz.source) == ("lagebild_20241029_2200", "lagebild_20241029_2200.kmz")
    assert any(i.problem == "read by My Maps" for i in result.issues)
    # The name's date answers the My Maps importer's question, so the user is not asked.
    assert calls[0].ask_date(tmp_path / "x.kmz") == dt.datetime(2024, 10, 29, 22, 0, tzinfo=BERLIN)


def test_kml_without_the_my_maps_importer_is_an_error_for_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "kursk_tracker.importers.mymaps", None)  # import fails
    (tmp_path / "2024-10-29.kml").write_text("<kml/>")
    write_geojson(tmp_path / "2024-10-22.geojson", feature(polygon(HELD), side="UA"))
    result = run([tmp_path])
    assert len(result.snapshots) == 1
    (error,) = errors(result)
    assert "2024-10-29.kml" in error and "My Maps" in error


def test_missing_paths_and_unsupported_files_are_errors(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    result = run([tmp_path / "nowhere", tmp_path / "notes.txt"])
    assert len(errors(result)) == 2
    assert result.snapshots == []


def test_looks_like_folders_and_supported_files(tmp_path: Path) -> None:
    (tmp_path / "a.geojson").write_text("{}")
    (tmp_path / "a.txt").write_text("")
    assert folder.looks_like(tmp_path)
    assert folder.looks_like(tmp_path / "a.geojson")
    assert not folder.looks_like(tmp_path / "a.txt")


def test_attribute_tables_of_a_geopackage_are_left_alone(tmp_path: Path) -> None:
    path = write_ogr(tmp_path / "2024-10-29.gpkg", "GPKG", 4326, [(HELD, {"side": "UA"})])
    dataset = ogr.Open(str(path), 1)
    table = dataset.CreateLayer("legend", None, ogr.wkbNone, ["ASPATIAL_VARIANT=GPKG_ATTRIBUTES"])
    table.CreateField(ogr.FieldDefn("label", ogr.OFTString))
    row = ogr.Feature(table.GetLayerDefn())
    row.SetField("label", "Ukrainian-held")
    table.CreateFeature(row)
    dataset = None
    result = run([path])
    assert [f.side for f in result.snapshots[0].features] == ["UA"]
    assert result.issues == []
