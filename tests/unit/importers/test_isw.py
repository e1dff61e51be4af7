"""ISW layers: dates from edit-tracking fields, side and status from layer names."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import shapely
from osgeo import ogr, osr
from shapely.geometry import Polygon

from kursk_tracker.core.import_result import ImportResult, Level
from kursk_tracker.core.series import FeatureKind
from kursk_tracker.importers import isw
from kursk_tracker.importers.base import Feedback, ImportOptions

UTC = dt.timezone.utc
CONTROL = Polygon([(35.50, 51.20), (35.80, 51.20), (35.80, 51.45), (35.50, 51.45)])
ADVANCE = Polygon([(35.30, 51.20), (35.50, 51.20), (35.50, 51.45), (35.30, 51.45)])
KURSK = Polygon([(35.00, 51.00), (35.30, 51.00), (35.30, 51.30), (35.00, 51.30)])
# 2024-10-29 23:00 UTC: already 30 October in Berlin and Kyiv, still the 29th in UTC.
LATE_ON_THE_29TH_MS = 1730242800000


def write_isw(path: Path, *rows: tuple[Polygon, dict], name: str | None = None) -> Path:
    collection: dict = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"OBJECTID": i + 1, **properties},
                "geometry": {"type": "Polygon", "coordinates": [list(map(list, shape.exterior.coords))]},
            }
            for i, (shape, properties) in enumerate(rows)
        ],
    }
    if name:
        collection["name"] = name
    path.write_text(json.dumps(collection), encoding="utf-8")
    return path


def run(paths: list[Path], **options: object) -> ImportResult:
    return isw.import_files(paths, ImportOptions(**options), Feedback())


def test_epoch_millisecond_editdate_gives_the_utc_day(tmp_path: Path) -> None:
    path = write_isw(
        tmp_path / "Assessed_Russian_Control.geojson", (CONTROL, {"editdate": LATE_ON_THE_29TH_MS})
    )
    result = run([path], timezone="Europe/Kyiv")
    (snapshot,) = result.snapshots
    assert snapshot.valid_at.astimezone(UTC).date() == dt.date(2024, 10, 29)
    assert snapshot.valid_at == dt.datetime(2024, 10, 29, 12, tzinfo=UTC)
    assert snapshot.source == "Assessed_Russian_Control.geojson"
    assert [i for i in result.issues if i.level == Level.ERROR] == []


@pytest.mark.parametrize(
    ("layer", "side", "status"),
    [
        ("Assessed Russian Control", "RU", "controlled"),
        ("Assessed Control of Terrain", "RU", "controlled"),
        ("Assessed Russian Advances in Ukraine", "RU", "contested"),
        ("Claimed Russian Territory in Ukraine", "RU", "claimed"),
        ("Assessed Russian-controlled Ukrainian Territory", "RU", "controlled"),
        ("Claimed Ukrainian Counteroffensives", "UA", "claimed"),
        ("Assessed Ukrainian Counteroffensives", "UA", "controlled"),
        ("Assessed Ukrainian Advances in Russia's Kursk Oblast", "UA", "contested"),
        ("Ukrainian Incursion into Kursk", "UA", "controlled"),
    ],
)
def test_layer_names_map_to_side_and_status(tmp_path: Path, layer: str, side: str, status: str) -> None:
    path = write_isw(tmp_path / "export.geojson", (CONTROL, {"EditDate": LATE_ON_THE_29TH_MS}), name=layer)
    (snapshot,) = run([path]).snapshots
    (area,) = snapshot.features
    assert (area.kind, area.side, area.attributes["status"]) == (FeatureKind.AREAS, side, status)


def test_the_file_name_names_the_layer_when_the_layer_name_says_nothing(tmp_path: Path) -> None:
    path = write_isw(
        tmp_path / "Claimed_Russian_Territory.geojson", (CONTROL, {"Date": "2024-10-29"}), name="features"
    )
    (area,) = run([path]).snapshots[0].features
    assert (area.side, area.attributes["status"]) == ("RU", "claimed")


def test_user_mapping_overrides_the_table(tmp_path: Path) -> None:
    path = write_isw(
        tmp_path / "x.geojson", (CONTROL, {"editdate": LATE_ON_THE_29TH_MS}), name="Assessed Russian Advances"
    )
    (area,) = run([path], side_mapping={"assessed russian advances": "RU-proxy"}).snapshots[0].features
    assert area.side == "RU-proxy"
    assert area.attributes["status"] == "contested"


def test_partisan_layers_are_not_held_ground(tmp_path: Path) -> None:
    path = write_isw(
        tmp_path / "x.geojson",
        (CONTROL, {"editdate": LATE_ON_THE_29TH_MS}),
        name="Ukrainian Partisan Warfare",
    )
    result = run([path])
    assert result.snapshots == []
    assert any("Ukrainian Partisan Warfare" in i.problem for i in result.issues)
    mapped = run(
        [path],
        kind_mapping={"Ukrainian Partisan Warfare": "areas"},
        side_mapping={"Ukrainian Partisan Warfare": "UA"},
    )
    assert [f.side for f in mapped.snapshots[0].features] == ["UA"]


def test_layers_of_one_day_make_one_snapshot_and_days_stay_apart(tmp_path: Path) -> None:
    day_29 = LATE_ON_THE_29TH_MS
    day_30 = LATE_ON_THE_29TH_MS + 86_400_000
    control = write_isw(
        tmp_path / "control.geojson",
        (CONTROL, {"editdate": day_29}),
        (CONTROL, {"editdate": day_30}),
        name="Assessed Russian Control",
    )
    advances = write_isw(
        tmp_path / "advances.geojson",
        (ADVANCE, {"last_edited_date": day_29 - 3_600_000}),
        name="Assessed Russian Advances",
    )
    result = run([control, advances])
    first, second = result.snapshots
    assert first.valid_at.date() == dt.date(2024, 10, 29)
    assert second.valid_at.date() == dt.date(2024, 10, 30)
    assert {f.attributes["status"] for f in first.features} == {"controlled", "contested"}
    assert first.source == "control.geojson, advances.geojson"
    assert [f.attributes["status"] for f in second.features] == ["controlled"]


def test_undated_features_take_the_file_name_date(tmp_path: Path) -> None:
    path = write_isw(tmp_path / "kursk_2024-10-29.geojson", (KURSK, {}), name="Ukrainian Incursion")
    result = run([path], timezone="Asia/Tokyo")
    assert result.snapshots[0].valid_at == dt.datetime(2024, 10, 29, 12, tzinfo=UTC)


def test_undated_features_without_a_name_date_are_an_error_naming_the_file(tmp_path: Path) -> None:
    undated = write_isw(tmp_path / "kursk.geojson", (KURSK, {}), name="Ukrainian Incursion")
    dated = write_isw(
        tmp_path / "control.geojson",
        (CONTROL, {"editdate": LATE_ON_THE_29TH_MS}),
        name="Assessed Russian Control",
    )
    result = run([undated, dated])
    assert len(result.snapshots) == 1
    (error,) = [i for i in result.issues if i.level == Level.ERROR]
    assert error.path == str(undated) and "no date" in error.problem


def test_ask_date_dates_undated_features(tmp_path: Path) -> None:
    path = write_isw(tmp_path / "kursk.geojson", (KURSK, {}), name="Ukrainian Incursion")
    result = run([path], ask_date=lambda p: dt.datetime(2024, 10, 29, 22, tzinfo=UTC))
    assert result.snapshots[0].valid_at.date() == dt.date(2024, 10, 29)


def test_truncated_export_is_an_error_and_the_rest_imports(tmp_path: Path) -> None:
    broken = tmp_path / "advances.geojson"
    broken.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", ')
    good = write_isw(tmp_path / "control.geojson", (CONTROL, {"editdate": LATE_ON_THE_29TH_MS}))
    result = run([tmp_path])
    assert [s.source for s in result.snapshots] == [good.name]
    (error,) = [i for i in result.issues if i.level == Level.ERROR]
    assert error.path == str(broken) and "truncated JSON" in error.problem


def write_isw_shapefile(path: Path) -> Path:
    """As ArcGIS exports it: UTM, a DBF date field cut to ten characters."""
    wgs84, utm = osr.SpatialReference(), osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    utm.ImportFromEPSG(32636)
    for srs in (wgs84, utm):
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    dataset = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(str(path))
    layer = dataset.CreateLayer(path.stem, utm, ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("last_edited_date", ogr.OFTDate))  # becomes "last_edite"
    record = ogr.Feature(layer.GetLayerDefn())
    geometry = ogr.CreateGeometryFromWkt(CONTROL.wkt)
    geometry.Transform(osr.CoordinateTransformation(wgs84, utm))
    record.SetGeometry(geometry)
    record.SetField(0, 2024, 10, 29, 0, 0, 0, 0)
    layer.CreateFeature(record)
    dataset = None
    return path


def test_shapefile_export_with_cut_field_names(tmp_path: Path) -> None:
    path = write_isw_shapefile(tmp_path / "Assessed_Russian_Advances.shp")
    assert isw.looks_like(path)
    assert isw.looks_like(path.with_suffix(".dbf"))
    (snapshot,) = run([path]).snapshots
    assert snapshot.valid_at.date() == dt.date(2024, 10, 29)
    (area,) = snapshot.features
    assert (area.side, area.attributes["status"]) == ("RU", "contested")
    assert shapely.hausdorff_distance(area.geometry, CONTROL) < 1e-6


def test_looks_like_sniffs_arcgis_fields(tmp_path: Path) -> None:
    isw_file = write_isw(tmp_path / "a.geojson", (CONTROL, {"EditDate": 1}))
    other = write_isw(tmp_path / "b.geojson", (CONTROL, {"side": "UA"}))
    esri_json = tmp_path / "c.json"
    esri_json.write_text('{"fields": [{"name": "last_edited_date", "type": "esriFieldTypeDate"}]}')
    assert isw.looks_like(isw_file)
    assert isw.looks_like(esri_json)
    assert not isw.looks_like(other)
    assert not isw.looks_like(tmp_path)


def test_cancel_stops_after_the_current_file(tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        write_isw(
            tmp_path / f"{name}.geojson",
            (CONTROL, {"editdate": LATE_ON_THE_29TH_MS}),
            name="Assessed Russian Control",
        )
    progress: list[float] = []
    result = isw.import_files(
        [tmp_path], ImportOptions(), Feedback(progress.append, lambda: len(progress) >= 1)
    )
    assert result.cancelled
    assert progress == [pytest.approx(1 / 3)]
    assert result.snapshots[0].source == "a.geojson"
