"""Google My Maps KML/KMZ: folders → kinds, colours → sides, descriptions → captions; bad files named."""

from __future__ import annotations

import datetime as dt
import re
import socket
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point

from kursk_tracker.core.import_result import ImportResult, Level, SituationFeature
from kursk_tracker.core.series import FeatureKind
from kursk_tracker.importers import mymaps
from kursk_tracker.importers.base import Feedback, ImportOptions

UTC = dt.timezone.utc
BERLIN_2200_UTC = dt.datetime(2024, 10, 29, 21, 0, tzinfo=UTC)  # 22:00 MEZ


def _style(style_id: str, line: str | None = None, poly: str | None = None, icon: str | None = None) -> str:
    parts = []
    if icon:
        parts.append(f"<IconStyle><color>{icon}</color><scale>1</scale></IconStyle>")
    if line:
        parts.append(f"<LineStyle><color>{line}</color><width>1.2</width></LineStyle>")
    if poly:
        parts.append(f"<PolyStyle><color>{poly}</color><fill>1</fill><outline>1</outline></PolyStyle>")
    return f'<Style id="{style_id}">{"".join(parts)}</Style>'


def _style_map(map_id: str, normal: str, highlight: str) -> str:
    return (
        f'<StyleMap id="{map_id}">'
        f"<Pair><key>normal</key><styleUrl>#{normal}</styleUrl></Pair>"
        f"<Pair><key>highlight</key><styleUrl>#{highlight}</styleUrl></Pair></StyleMap>"
    )


def _box(x0: float, y0: float, x1: float, y1: float, z: bool = True) -> str:
    alt = ",0" if z else ""
    ring = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
    return " ".join(f"{x},{y}{alt}" for x, y in ring)


def _polygon(x0: float, y0: float, x1: float, y1: float, hole: str = "") -> str:
    inner = (
        f"<innerBoundaryIs><LinearRing><coordinates>{hole}</coordinates></LinearRing></innerBoundaryIs>"
        if hole
        else ""
    )
    return (
        f"<Polygon><outerBoundaryIs><LinearRing><tessellate>1</tessellate>"
        f"<coordinates>\n            {_box(x0, y0, x1, y1)}\n          </coordinates>"
        f"</LinearRing></outerBoundaryIs>{inner}</Polygon>"
    )


def _placemark(name: str, style: str, geometry: str, description: str = "") -> str:
    style_url = f"<styleUrl>#{style}</styleUrl>" if style else ""
    text = f"<description><![CDATA[{description}]]></description>" if description else ""
    return f"<Placemark><name>{name}</name>{text}{style_url}{geometry}</Placemark>"


def _line(*points: tuple[float, float]) -> str:
    coordinates = " ".join(f"{x},{y},0" for x, y in points)
    return f"<LineString><tessellate>1</tessellate><coordinates>{coordinates}</coordinates></LineString>"


def _point(x: float, y: float) -> str:
    return f"<Point><coordinates>{x},{y},150</coordinates></Point>"


def _folder(name: str, *placemarks: str) -> str:
    return f"<Folder><name>{name}</name>{''.join(placemarks)}</Folder>"


def _kml(
    body: str,
    name: str = "Lagebild am 29. Oktober 22:00 MEZ",
    description: str = "Ukrainische Truppen halten Sudscha.<br>Russische Gegenangriffe bei Korenewo.",
    extra: str = "",
) -> str:
    text = f"<description><![CDATA[{description}]]></description>" if description else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<kml xmlns="http://www.opengis.net/kml/2.2">\n'
        f"<Document><name>{name}</name>{text}{extra}{body}</Document></kml>\n"
    )


HOLE = _box(35.1, 51.2, 35.2, 51.3)
STYLES = "".join(
    (
        # My Maps style: colour elements in aabbggrr, StyleMap normal/highlight.
        _style("poly-01579B-1200-77-nodesc-normal", line="ff9b5701", poly="4d9b5701"),
        _style("poly-01579B-1200-77-nodesc-highlight", line="ff9b5701", poly="4d9b5701"),
        _style_map(
            "poly-01579B-1200-77-nodesc",
            "poly-01579B-1200-77-nodesc-normal",
            "poly-01579B-1200-77-nodesc-highlight",
        ),
        # A StyleMap whose ids say nothing: only following "normal" gives blue (highlight is red).
        _style("ua-area", poly="809b5701"),
        _style("ua-area-hl", poly="803644db"),
        _style_map("ua-area-map", "ua-area", "ua-area-hl"),
        _style("ru-held", line="ff3644db", poly="663644db"),
        _style("poly-9E9E9E-1200-77-nodesc", line="ff9e9e9e", poly="4d9e9e9e"),
        _style("poly-0F9D58-1200-77-nodesc", line="ff589d0f", poly="4d589d0f"),
        _style("poly-F57C00-1200-77-nodesc", line="ff007cf5", poly="4d007cf5"),
        _style("line-000000-1200-nodesc", line="ff000000"),
        # No colour element: the colour is in the My Maps id only.
        '<Style id="line-0288D1-5000-nodesc"><LineStyle><width>5</width></LineStyle></Style>',
        _style("line-DB4436-5000-nodesc-normal", line="ff3644db"),
        _style("line-DB4436-5000-nodesc-highlight", line="ff3644db"),
        _style_map(
            "line-DB4436-5000-nodesc", "line-DB4436-5000-nodesc-normal", "line-DB4436-5000-nodesc-highlight"
        ),
        _style("ru-line", line="ff3644db"),
        _style("icon-1899-DB4436-nodesc", icon="ff3644db"),
    )
)

MY_MAP = _kml(
    STYLES
    + "".join(
        (
            _folder(
                "Kontrollgebiete",
                _placemark(
                    "Brückenkopf Sudscha",
                    "poly-01579B-1200-77-nodesc",
                    _polygon(35.0, 51.1, 35.4, 51.4, hole=HOLE),
                ),
                _placemark("Kessel bei Ljubimowka", "ua-area-map", _polygon(35.5, 51.1, 35.6, 51.2)),
                _placemark("Russisch gehalten", "ru-held", _polygon(34.6, 51.1, 34.9, 51.4)),
                _placemark("Streifen", "poly-9E9E9E-1200-77-nodesc", _polygon(34.9, 51.1, 35.0, 51.4)),
                _placemark("Grün 1", "poly-0F9D58-1200-77-nodesc", _polygon(35.7, 51.1, 35.8, 51.2)),
                _placemark(
                    "Grün 2",
                    "poly-0F9D58-1200-77-nodesc",
                    "<MultiGeometry>"
                    + _polygon(35.7, 51.3, 35.75, 51.35)
                    + _polygon(35.77, 51.3, 35.8, 51.35)
                    + "</MultiGeometry>",
                ),
                _placemark("Orange", "poly-F57C00-1200-77-nodesc", _polygon(35.7, 51.5, 35.8, 51.6)),
            ),
            _folder(
                "Frontlinie",
                _placemark("Kontaktlinie", "line-000000-1200-nodesc", _line((34.6, 51.45), (35.8, 51.45))),
            ),
            _folder(
                "Angriffe",
                _placemark(
                    "Vorstoß auf Malaja Loknja",
                    "line-0288D1-5000-nodesc",
                    _line((35.25, 51.25), (35.24, 51.3), (35.23, 51.33)),
                ),
                _placemark(
                    "Korenewo",
                    "ru-line",
                    _line((34.8, 51.45), (34.95, 51.38)),
                    description="Russischer Gegenangriff",
                ),
                _placemark(
                    "Entlastungsangriff über Tjotkino",
                    "line-DB4436-5000-nodesc",
                    _line((34.6, 51.2), (34.7, 51.25)),
                ),
                _placemark(
                    "Rückzug",
                    "line-0288D1-5000-nodesc",
                    "<MultiGeometry>"
                    + _line((35.55, 51.15), (35.45, 51.15))
                    + _line((35.55, 51.12), (35.45, 51.12))
                    + "</MultiGeometry>",
                ),
                _placemark("Durchbruch?", "", _point(35.3, 51.35)),
            ),
            _folder("Orte", _placemark("Sudscha / Суджа", "icon-1899-0288D1", _point(35.2706, 51.1914))),
            _folder("Notizen", _placemark("Brücke zerstört", "icon-1899-DB4436-nodesc", _point(35.3, 51.3))),
        )
    )
)

SIMPLE_AREA = _style("poly-01579B-1200-77-nodesc", poly="4d9b5701") + _folder(
    "Gebiete", _placemark("UA", "poly-01579B-1200-77-nodesc", _polygon(35.0, 51.1, 35.4, 51.4))
)


def _write(directory: Path, name: str, text: str | bytes) -> Path:
    path = directory / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def _kmz(directory: Path, name: str, entries: dict[str, str | bytes]) -> Path:
    path = directory / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry, data in entries.items():
            archive.writestr(zipfile.ZipInfo(entry), data, compress_type=zipfile.ZIP_DEFLATED)
    return path


def _import(paths: list[Path], **options: object) -> ImportResult:
    return mymaps.import_files(paths, ImportOptions(**options), Feedback())


def _of(result: ImportResult, kind: FeatureKind) -> list[SituationFeature]:
    return [f for s in result.snapshots for f in s.features if f.kind == kind]


def _errors(result: ImportResult) -> list:
    return [i for i in result.issues if i.level == Level.ERROR]


@pytest.fixture
def my_map(tmp_path: Path) -> ImportResult:
    result = _import([_write(tmp_path, "lagebild_2024-10-29_2200.kml", MY_MAP)])
    assert not _errors(result), result.issues
    return result


def _area_at(result: ImportResult, x: float, y: float) -> SituationFeature:
    found = [f for f in _of(result, FeatureKind.AREAS) if f.geometry.covers(Point(x, y))]
    assert len(found) == 1, found
    return found[0]


# --- folders, colours, sides ---------------------------------------------------


def test_folders_become_feature_kinds(my_map):
    assert len(my_map.snapshots) == 1
    assert len(_of(my_map, FeatureKind.AREAS)) == 5  # dissolved per side and status
    assert [f.attributes["name"] for f in _of(my_map, FeatureKind.FRONT_LINES)] == ["Kontaktlinie"]
    assert len(_of(my_map, FeatureKind.MOVEMENTS)) == 5
    texts = sorted(f.attributes["text"] for f in _of(my_map, FeatureKind.ANNOTATIONS))
    assert texts == ["Brücke zerstört", "Durchbruch?"]
    assert len(my_map.places) == 1
    assert my_map.places[0].names == {"en": "Sudscha", "local": "Суджа"}


def test_colour_elements_in_kml_order_give_sides(my_map):
    # ff9b5701 (aabbggrr) is #01579b blue; 663644db is #db4436 red.
    assert _area_at(my_map, 35.05, 51.15).side == "UA"
    assert _area_at(my_map, 34.7, 51.2).side == "RU"
    assert (
        next(
            f for f in _of(my_map, FeatureKind.ANNOTATIONS) if f.attributes["text"] == "Brücke zerstört"
        ).side
        == "RU"
    )


def test_stylemap_normal_pair_gives_the_colour(my_map):
    pocket = _area_at(my_map, 35.55, 51.15)
    assert pocket.attributes["status"] == "pocket"
    assert pocket.side == "UA"  # the highlight style is red


def test_my_maps_style_id_gives_the_colour_without_a_colour_element(my_map):
    advance = next(
        f for f in _of(my_map, FeatureKind.MOVEMENTS) if f.attributes["label"] == "Vorstoß auf Malaja Loknja"
    )
    assert advance.side == "UA"


def test_guessed_sides_are_reported_once(my_map):
    guesses = [i for i in my_map.issues if "sides guessed from colours" in i.problem]
    assert len(guesses) == 1
    assert "#01579b → UA" in guesses[0].problem
    assert "#db4436 → RU" in guesses[0].problem


def test_grey_area_has_no_side_and_is_contested(my_map):
    grey = _area_at(my_map, 34.95, 51.2)
    assert grey.side is None
    assert grey.attributes["status"] == "contested"


def test_unknown_colours_give_one_warning_with_counts(my_map):
    warnings = [i for i in my_map.issues if "unknown colours" in i.problem]
    assert len(warnings) == 1
    warning = warnings[0]
    assert warning.level == Level.WARNING
    assert warning.path.endswith("lagebild_2024-10-29_2200.kml")
    assert "#0f9d58 (2 features)" in warning.problem
    assert "#f57c00 (1 feature)" in warning.problem
    assert "map them to a side" in warning.problem
    # Still imported, without a side.
    assert _area_at(my_map, 35.75, 51.15).side is None
    assert _area_at(my_map, 35.75, 51.55).side is None


def test_side_mapping_corrects_an_unknown_colour(tmp_path):
    path = _write(tmp_path, "lagebild_2024-10-29_2200.kml", MY_MAP)
    result = _import([path], side_mapping={"#0F9D58": "UA", "f57c00": ""})
    assert not [i for i in result.issues if "unknown colours" in i.problem]
    assert _area_at(result, 35.75, 51.15).side == "UA"
    assert _area_at(result, 35.72, 51.32).side == "UA"
    assert _area_at(result, 35.75, 51.55).side is None  # mapped to "no side" on purpose


def test_side_mapping_overrides_a_guess(tmp_path):
    path = _write(tmp_path, "lagebild_2024-10-29_2200.kml", MY_MAP)
    result = _import([path], side_mapping={"#db4436": "RU2"})
    assert _area_at(result, 34.7, 51.2).side == "RU2"


# --- kinds of features ----------------------------------------------------------


def test_movement_direction_tail_to_head_is_kept(my_map):
    advance = next(
        f for f in _of(my_map, FeatureKind.MOVEMENTS) if f.attributes["label"] == "Vorstoß auf Malaja Loknja"
    )
    assert list(advance.geometry.coords) == [(35.25, 51.25), (35.24, 51.3), (35.23, 51.33)]
    assert advance.attributes["kind"] == "attack"


def test_movement_kinds_come_from_words(my_map):
    kinds = sorted(
        (f.attributes["label"], f.attributes["kind"], f.side) for f in _of(my_map, FeatureKind.MOVEMENTS)
    )
    assert kinds == [
        ("Entlastungsangriff über Tjotkino", "relief_attack", "RU"),
        ("Korenewo", "counterattack", "RU"),
        ("Rückzug", "withdrawal", "UA"),
        ("Rückzug", "withdrawal", "UA"),
        ("Vorstoß auf Malaja Loknja", "attack", "UA"),
    ]


def test_multigeometry_parts_are_all_imported(my_map):
    retreats = [f for f in _of(my_map, FeatureKind.MOVEMENTS) if f.attributes["label"] == "Rückzug"]
    assert sorted(list(f.geometry.coords) for f in retreats) == [
        [(35.55, 51.12), (35.45, 51.12)],
        [(35.55, 51.15), (35.45, 51.15)],
    ]
    green = _area_at(my_map, 35.72, 51.32)
    assert green.geometry.covers(Point(35.78, 51.32))  # the second polygon of the MultiGeometry


def test_polygon_with_a_hole_keeps_the_hole(my_map):
    area = _area_at(my_map, 35.05, 51.15)
    assert not area.geometry.covers(Point(35.15, 51.25))
    assert area.geometry.area == pytest.approx(0.4 * 0.3 - 0.1 * 0.1)
    assert len(shapely.get_parts(area.geometry)[0].interiors) == 1


def test_3d_coordinates_are_dropped(my_map):
    features = [f for s in my_map.snapshots for f in s.features]
    assert features
    assert not any(shapely.has_z(f.geometry) for f in features)
    assert not shapely.has_z(my_map.places[0].geometry)
    assert (my_map.places[0].geometry.x, my_map.places[0].geometry.y) == (35.2706, 51.1914)


def test_areas_status_from_words(tmp_path):
    body = _style("poly-01579B-1200-77-nodesc", poly="4d9b5701") + _folder(
        "Gebiete",
        _placemark("umkämpft", "poly-01579B-1200-77-nodesc", _polygon(35.0, 51.0, 35.1, 51.1)),
        _placemark(
            "x",
            "poly-01579B-1200-77-nodesc",
            _polygon(35.2, 51.0, 35.3, 51.1),
            description="claimed by Russia",
        ),
        _placemark("y", "poly-01579B-1200-77-nodesc", _polygon(35.4, 51.0, 35.5, 51.1)),
    )
    result = _import([_write(tmp_path, "2024-10-29.kml", _kml(body))])
    assert _area_at(result, 35.05, 51.05).attributes["status"] == "contested"
    assert _area_at(result, 35.25, 51.05).attributes["status"] == "claimed"
    assert _area_at(result, 35.45, 51.05).attributes["status"] == "controlled"


def test_english_folder_names_and_geometry_defaults(tmp_path):
    body = _style("poly-01579B-1200-77-nodesc", poly="4d9b5701") + "".join(
        (
            _folder("Attack arrows", _placemark("a", "", _line((35.0, 51.0), (35.1, 51.1)))),
            _folder("Held areas", _placemark("b", "", _polygon(35.0, 51.0, 35.1, 51.1))),
            _folder("Towns", _placemark("Korenevo", "", _point(34.9, 51.4))),
            _folder("Labels", _placemark("note", "", _point(35.0, 51.0))),
            _folder(
                "Ebene 1",
                _placemark("c", "", _line((35.0, 51.2), (35.1, 51.2))),
                _placemark("d", "", _polygon(35.2, 51.2, 35.3, 51.3)),
                _placemark("e", "", _point(35.2, 51.2)),
            ),
        )
    )
    result = _import([_write(tmp_path, "2024-10-29.kml", _kml(body))])
    assert [f.attributes["label"] for f in _of(result, FeatureKind.MOVEMENTS)] == ["a"]
    assert [f.attributes["name"] for f in _of(result, FeatureKind.FRONT_LINES)] == ["c"]
    assert len(_of(result, FeatureKind.AREAS)) == 1  # b and d dissolve: no side, controlled
    assert sorted(f.attributes["text"] for f in _of(result, FeatureKind.ANNOTATIONS)) == ["e", "note"]
    assert [p.names for p in result.places] == [{"en": "Korenevo"}]


def test_kml_without_a_document_reads_its_top_folder(tmp_path):
    text = (
        '<kml xmlns="http://www.opengis.net/kml/2.2">'
        + _folder("Pfeile", _placemark("push", "", _line((35.0, 51.0), (35.1, 51.1))))
        + "</kml>"
    )
    result = _import([_write(tmp_path, "2024-10-29.kml", text)])
    assert [f.attributes["label"] for f in _of(result, FeatureKind.MOVEMENTS)] == ["push"]
    assert result.snapshots[0].title == "2024-10-29"


def test_kind_mapping_overrides_folder_words(tmp_path):
    path = _write(tmp_path, "lagebild_2024-10-29_2200.kml", MY_MAP)
    result = _import([path], kind_mapping={"angriffe": "front_lines", "Notizen": "skip"})
    assert not _of(result, FeatureKind.MOVEMENTS)
    assert len(_of(result, FeatureKind.FRONT_LINES)) == 5  # Kontaktlinie and the four arrow placemarks
    assert [f.attributes["text"] for f in _of(result, FeatureKind.ANNOTATIONS)] == ["Durchbruch?"]


def test_polygon_in_a_movements_folder_is_skipped_with_a_warning(tmp_path):
    body = SIMPLE_AREA + _folder("Pfeile", _placemark("arrow shape", "", _polygon(35.5, 51.0, 35.6, 51.1)))
    result = _import([_write(tmp_path, "2024-10-29.kml", _kml(body))])
    assert len(_of(result, FeatureKind.AREAS)) == 1
    assert not _area_at(result, 35.2, 51.2).geometry.covers(Point(35.55, 51.05))
    assert any("folder 'Pfeile': 1 polygons" in i.problem for i in result.issues)


def test_network_links_are_not_followed(tmp_path):
    link = "<NetworkLink><Link><href>http://127.0.0.1:9/more.kml</href></Link></NetworkLink>"
    result = _import([_write(tmp_path, "2024-10-29.kml", _kml(SIMPLE_AREA + link))])
    assert len(result.snapshots) == 1
    assert any("network links not followed" in i.problem for i in result.issues)


# --- title, caption, date -------------------------------------------------------


def test_document_name_is_the_title_and_description_the_caption(my_map):
    snapshot = my_map.snapshots[0]
    assert snapshot.title == "Lagebild am 29. Oktober 22:00 MEZ"
    assert snapshot.caption == "Ukrainische Truppen halten Sudscha.\nRussische Gegenangriffe bei Korenewo."
    assert snapshot.source == "Google My Maps: lagebild_2024-10-29_2200.kml"
    assert snapshot.origin.endswith("lagebild_2024-10-29_2200.kml")


def test_caption_from_a_lagebild_folder_without_a_document_description(tmp_path):
    caption = _folder(
        "Lagebild",
        _placemark(
            "Text", "", _point(35.0, 51.0), description="Sudscha bleibt <b>ukrainisch</b> &amp; ruhig."
        ),
    )
    result = _import([_write(tmp_path, "2024-10-29.kml", _kml(SIMPLE_AREA + caption, description=""))])
    snapshot = result.snapshots[0]
    assert snapshot.caption == "Sudscha bleibt ukrainisch & ruhig."
    assert not _of(result, FeatureKind.ANNOTATIONS)  # caption text is not a map label


def test_date_comes_from_the_file_name(my_map):
    assert my_map.snapshots[0].valid_at == BERLIN_2200_UTC


def test_date_written_in_the_document_name(tmp_path):
    kml = _kml(SIMPLE_AREA, name="Lagebild am 29. Oktober 2024, 22:00 MEZ")
    result = _import([_write(tmp_path, "export.kml", kml)])
    assert result.snapshots[0].valid_at == BERLIN_2200_UTC


def test_english_date_in_the_description(tmp_path):
    kml = _kml(SIMPLE_AREA, name="Kursk", description="Situation on 29 October 2024, 21:00 UTC")
    result = _import([_write(tmp_path, "export.kml", kml)])
    assert result.snapshots[0].valid_at == BERLIN_2200_UTC


def test_date_without_a_year_takes_the_year_of_the_time_stamp(tmp_path):
    stamp = "<TimeStamp><when>2024</when></TimeStamp>"
    kml = _kml(SIMPLE_AREA, name="Lagebild am 29. Oktober 22:00 MEZ", extra=stamp)
    result = _import([_write(tmp_path, "export.kml", kml)])
    assert result.snapshots[0].valid_at == BERLIN_2200_UTC


def test_time_stamp_gives_the_date(tmp_path):
    stamp = "<TimeStamp><when>2024-10-29T21:00:00Z</when></TimeStamp>"
    result = _import(
        [_write(tmp_path, "export.kml", _kml(SIMPLE_AREA, name="Kursk", description="", extra=stamp))]
    )
    assert result.snapshots[0].valid_at == BERLIN_2200_UTC
    span = "<TimeSpan><begin>2024-10-29</begin><end>2024-11-05</end></TimeSpan>"
    result = _import(
        [_write(tmp_path, "export.kml", _kml(SIMPLE_AREA, name="Kursk", description="", extra=span))]
    )
    assert result.snapshots[0].valid_at == dt.datetime(2024, 10, 28, 23, 0, tzinfo=UTC)


def test_date_is_asked_when_nothing_says(tmp_path):
    asked: list[Path] = []

    def ask(path: Path) -> dt.datetime:
        asked.append(path)
        return dt.datetime(2024, 10, 29, 22, 0)  # local, naive

    path = _write(tmp_path, "export.kml", _kml(SIMPLE_AREA, name="Kursk", description=""))
    result = _import([path], ask_date=ask)
    assert asked == [path]
    assert result.snapshots[0].valid_at == BERLIN_2200_UTC


def test_no_date_is_an_error_naming_the_file(tmp_path):
    path = _write(tmp_path, "export.kml", _kml(SIMPLE_AREA, name="Kursk", description=""))
    result = _import([path])
    assert not result.snapshots
    assert [(i.path, i.level) for i in result.issues] == [(str(path), Level.ERROR)]
    assert "no date" in result.issues[0].problem


def test_same_date_twice_keeps_the_first_and_names_both(tmp_path):
    first = _write(tmp_path, "a_2024-10-29.kml", _kml(SIMPLE_AREA))
    second = _write(tmp_path, "b_2024-10-29.kml", _kml(SIMPLE_AREA))
    result = _import([first, second])
    assert [s.origin for s in result.snapshots] == [str(first)]
    (error,) = _errors(result)
    assert error.path == str(second)
    assert "same date as a_2024-10-29.kml" in error.problem


def test_places_only_file_gives_places_and_no_snapshot(tmp_path):
    body = _folder(
        "Orte",
        _placemark("Sudscha / Суджа", "", _point(35.27, 51.19)),
        _placemark("Korenewo", "", _point(34.9, 51.4)),
    )
    result = _import([_write(tmp_path, "orte.kml", _kml(body, name="Orte", description=""))])
    assert not result.snapshots
    assert not _errors(result)
    assert len(result.places) == 2


def test_area_of_interest_clips_features_and_places(tmp_path):
    path = _write(tmp_path, "lagebild_2024-10-29_2200.kml", MY_MAP)
    result = _import([path], area_of_interest=(34.5, 51.0, 35.2, 51.5))
    assert result.places == []  # Sudscha lies east of 35.2
    for feature in (f for s in result.snapshots for f in s.features):
        assert feature.geometry.bounds[2] <= 35.2 + 1e-9


# --- KMZ ----------------------------------------------------------------------------


def test_kmz_with_doc_kml_imports_like_the_kml(tmp_path):
    path = _kmz(
        tmp_path, "lagebild_2024-10-29_2200.kmz", {"doc.kml": MY_MAP, "images/icon-1.png": b"\x89PNG"}
    )
    result = _import([path])
    assert not _errors(result)
    assert len(_of(result, FeatureKind.MOVEMENTS)) == 5
    assert result.snapshots[0].caption.startswith("Ukrainische Truppen")


def test_looks_like_recognises_kml_and_kmz(tmp_path):
    assert mymaps.looks_like(_write(tmp_path, "a.kml", MY_MAP))
    assert mymaps.looks_like(_kmz(tmp_path, "a.kmz", {"doc.kml": MY_MAP}))
    assert not mymaps.looks_like(_write(tmp_path, "b.kml", "{}"))
    assert not mymaps.looks_like(_write(tmp_path, "b.kmz", "not a zip"))
    assert not mymaps.looks_like(_write(tmp_path, "a.geojson", "{}"))


# --- bad inputs ---------------------------------------------------------------------

BILLION_LAUGHS = (
    _kml(SIMPLE_AREA)
    .replace(
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<?xml version="1.0"?>\n<!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
        + "]>\n",
    )
    .replace("<name>Lagebild", "<name>&j;Lagebild")
)


MALFORMED = MY_MAP.replace("</Folder>", "</Fold>", 1)
BAD_COORDINATES = _kml(
    _folder("Gebiete", _placemark("x", "", "<Point><coordinates>east,north</coordinates></Point>"))
)


def _entity_kml(url: str) -> str:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE kml [<!ENTITY x SYSTEM "{url}">]>\n'
        + _kml(SIMPLE_AREA, name="&x;", description="&x;").split("\n", 1)[1]
    )


def _truncated_kmz(directory: Path) -> Path:
    path = _kmz(directory, "cut_2024-10-22.kmz", {"doc.kml": MY_MAP})
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return path


BAD_INPUTS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "billion laughs": (lambda d: _write(d, "laughs_2024-10-22.kml", BILLION_LAUGHS), "entities"),
    "external file entity": (
        lambda d: _write(d, "passwd_2024-10-22.kml", _entity_kml("file:///etc/passwd")),
        "entities",
    ),
    "external http entity": (
        lambda d: _write(d, "http_2024-10-22.kml", _entity_kml("http://127.0.0.1:9/x")),
        "entities",
    ),
    "doctype": (
        lambda d: _write(
            d,
            "dtd_2024-10-22.kml",
            '<!DOCTYPE kml SYSTEM "http://127.0.0.1:9/k.dtd">' + _kml(SIMPLE_AREA).split("\n", 1)[1],
        ),
        "DOCTYPE",
    ),
    "dotdot entry": (
        lambda d: _kmz(d, "dotdot_2024-10-22.kmz", {"doc.kml": MY_MAP, "../evil.kml": MY_MAP}),
        "'../evil.kml' points outside the archive",
    ),
    "absolute entry": (
        lambda d: _kmz(d, "abs_2024-10-22.kmz", {"/abs.kml": MY_MAP}),
        "'/abs.kml' points outside the archive",
    ),
    "zip bomb": (lambda d: _kmz(d, "bomb_2024-10-22.kmz", {"doc.kml": b" " * (4 * 1024 * 1024)}), "ZIP bomb"),
    "not a zip": (lambda d: _write(d, "plain_2024-10-22.kmz", MY_MAP), "not a ZIP archive"),
    "truncated zip": (_truncated_kmz, "truncated or damaged KMZ"),
    "empty kml": (lambda d: _write(d, "empty_2024-10-22.kml", ""), "empty file"),
    "no placemarks": (
        lambda d: _write(d, "none_2024-10-22.kml", _kml(STYLES + _folder("Gebiete"))),
        "no placemarks",
    ),
    "malformed": (
        lambda d: _write(d, "bad_2024-10-22.kml", MALFORMED),
        f"not well-formed XML at line {MALFORMED[: MALFORMED.index('</Fold>')].count(chr(10)) + 1}",
    ),
    "not kml": (
        lambda d: _write(d, "page_2024-10-22.kml", "<html><body>moved</body></html>"),
        "not a KML document",
    ),
    "bad coordinates only": (
        lambda d: _write(d, "coords_2024-10-22.kml", BAD_COORDINATES),
        "no placemarks with a usable geometry",
    ),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_is_named_and_the_rest_of_the_import_goes_on(tmp_path, case):
    make, words = BAD_INPUTS[case]
    bad = make(tmp_path)
    good = _write(tmp_path, "lagebild_2024-10-29_2200.kml", MY_MAP)
    result = _import([bad, good])
    errors = _errors(result)
    assert [e.path for e in errors] == [str(bad)]
    assert words in errors[0].problem
    assert [s.origin for s in result.snapshots] == [str(good)]


def test_many_bad_files_in_one_import_each_get_one_error(tmp_path):
    bad = []
    for index, (make, _words) in enumerate(BAD_INPUTS.values()):
        folder = tmp_path / str(index)
        folder.mkdir()
        bad.append(make(folder))
    good = _write(tmp_path, "lagebild_2024-10-29_2200.kml", MY_MAP)
    result = _import([*bad[:5], good, *bad[5:]])
    assert sorted(e.path for e in _errors(result)) == sorted(str(p) for p in bad)
    assert len(result.snapshots) == 1


def test_external_entities_are_never_read_or_fetched(tmp_path):
    secret = _write(tmp_path, "secret.txt", "TOP-SECRET-TOKEN")
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.3)
    port = listener.getsockname()[1]
    try:
        paths = [
            _write(tmp_path, "a_2024-10-22.kml", _entity_kml(f"file://{secret}")),
            _write(tmp_path, "b_2024-10-23.kml", _entity_kml("file:///etc/passwd")),
            _write(tmp_path, "c_2024-10-24.kml", _entity_kml(f"http://127.0.0.1:{port}/x")),
            _write(tmp_path, "d_2024-10-25.kml", _entity_kml("http://127.0.0.1:9/x")),
            _write(
                tmp_path,
                "e_2024-10-26.kml",
                f'<!DOCTYPE kml SYSTEM "http://127.0.0.1:{port}/k.dtd">'
                + _kml(SIMPLE_AREA).split("\n", 1)[1],
            ),
        ]
        result = _import(paths)
        with pytest.raises(socket.timeout):
            listener.accept()  # nobody knocked
    finally:
        listener.close()
    assert not result.snapshots
    assert sorted(e.path for e in _errors(result)) == sorted(str(p) for p in paths)
    everything = " ".join(str(i) for i in result.issues)
    assert "TOP-SECRET-TOKEN" not in everything
    assert "root:" not in everything


# --- progress and cancel ------------------------------------------------------------


def test_progress_per_file_and_cancel_between_files(tmp_path):
    paths = [_write(tmp_path, f"2024-10-{day}.kml", _kml(SIMPLE_AREA)) for day in (22, 23, 24)]
    fractions: list[float] = []
    result = mymaps.import_files(paths, ImportOptions(), Feedback(progress=fractions.append))
    assert fractions == pytest.approx([1 / 3, 2 / 3, 1.0])
    assert len(result.snapshots) == 3

    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 1

    result = mymaps.import_files(paths, ImportOptions(), Feedback(is_cancelled=cancelled))
    assert result.cancelled
    assert len(result.snapshots) == 1


# --- namespaces ---------------------------------------------------------------------


def _prefixed(text: str, prefix: str) -> str:
    """Every KML element written with `prefix:`, the namespace declared for it."""
    text = text.replace(
        'xmlns="http://www.opengis.net/kml/2.2"', f'xmlns:{prefix}="http://www.opengis.net/kml/2.2"'
    )
    return re.sub(r"<(/?)([A-Za-z])", rf"<\1{prefix}:\2", text)


def _with_gx(text: str) -> str:
    """Google Earth extensions (gx:) sprinkled in, as Earth and My Maps write them."""
    text = text.replace(
        '<kml xmlns="http://www.opengis.net/kml/2.2">',
        '<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">',
    )
    text = text.replace(
        "<tessellate>1</tessellate>",
        "<tessellate>1</tessellate><gx:altitudeMode>clampToSeaFloor</gx:altitudeMode>",
    )
    return text.replace("<Document>", "<Document><gx:Tour><gx:Playlist/></gx:Tour>", 1)


def _features(result: ImportResult) -> list[tuple]:
    return sorted(
        (f.kind.value, f.side or "", f.geometry.wkt, sorted(f.attributes.items()))
        for s in result.snapshots
        for f in s.features
    )


@pytest.mark.parametrize("variant", ["without namespace", "kml: prefix", "gx: extensions"])
def test_kml_reads_the_same_with_or_without_its_namespace_and_with_gx_extensions(tmp_path, variant):
    text = {
        "without namespace": MY_MAP.replace(' xmlns="http://www.opengis.net/kml/2.2"', ""),
        "kml: prefix": _prefixed(MY_MAP, "kml"),
        "gx: extensions": _with_gx(MY_MAP),
    }[variant]
    assert text != MY_MAP
    original = _import([_write(tmp_path, "lagebild_2024-10-29_2200.kml", MY_MAP)])
    (tmp_path / "v").mkdir()
    result = _import([_write(tmp_path / "v", "lagebild_2024-10-29_2200.kml", text)])
    assert not _errors(result)
    assert _features(result) == _features(original) != []
    assert [s.title for s in result.snapshots] == [s.title for s in original.snapshots]
