"""Series texts per language (text_de, label_en, title_de, caption_en, credits) in both stores.

Real GeoPackages and the private PostGIS server of tests/postgis_server.py; nothing is mocked.
A series stored before the language columns existed still opens, reads and takes imports.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from contextlib import closing

import psycopg2
import psycopg2.sql
import pytest
import shapely
from shapely.geometry import LineString, MultiPolygon, Point, box

from kursk_tracker.core.import_result import ImportResult, SituationFeature, SnapshotData
from kursk_tracker.core.series import LANGUAGES, FeatureKind, Series, Side, Snapshot
from kursk_tracker.importers.base import Feedback, ImportOptions
from kursk_tracker.importers.series_gpkg import import_files
from kursk_tracker.store.backend import open_store, postgis_location
from kursk_tracker.store.gpkg import FeatureRecord, read_features, read_series, write_series
from kursk_tracker.store.operations import SeriesContent, copy_series, import_into
from kursk_tracker.store.postgis_schema import missing_language_columns
from kursk_tracker.store.sample import sample_series_path
from kursk_tracker.store.schema import LANGUAGE_COLUMNS

UTC = dt.timezone.utc
WEEK_12 = dt.datetime(2024, 10, 29, 21, tzinfo=UTC)


def _location(server, schema: str, **extra) -> str:
    params = dict(server.params)
    params.pop("connect_timeout", None)
    params.update(extra)
    return postgis_location(schema, **params)


def _series() -> Series:
    return Series(
        names={"en": "Kursk", "de": "Kursk"},
        sides=[
            Side("UA", {"en": "Ukraine", "de": "Ukraine"}, "#1f5fbf"),
            Side("RU", {"en": "Russia", "de": "Russland"}, "#c8102e"),
        ],
        epoch=dt.date(2024, 8, 6),
        credit="Sample data",
        credits={"en": "Sample data", "de": "Beispieldaten"},
        snapshots=[
            Snapshot(
                1,
                WEEK_12,
                "Week 12: relief attack repelled",
                "The pocket holds.",
                "test",
                titles={"en": "Week 12: relief attack repelled", "de": "12. Woche: Entsatzangriff abgewehrt"},
                captions={"en": "The pocket holds.", "de": "Der Kessel hält."},
            ),
            Snapshot(2, WEEK_12 + dt.timedelta(weeks=1), "Week 13", "Only English here.", "test"),
        ],
    )


def _records() -> list[FeatureRecord]:
    return [
        FeatureRecord(
            "areas",
            MultiPolygon([box(35.0, 51.0, 35.2, 51.2)]).wkt,
            {"snapshot_id": 1, "side": "UA", "status": "pocket"},
        ),
        FeatureRecord(
            "annotations",
            Point(35.1, 51.1).wkt,
            {"snapshot_id": 1, "side": "UA", "text": "Pocket", "text_en": "Pocket", "text_de": "Kessel"},
        ),
        FeatureRecord(
            "annotations", Point(35.3, 51.1).wkt, {"snapshot_id": 2, "side": "RU", "text": "Wedge"}
        ),
        FeatureRecord(
            "movements",
            LineString([(35.0, 51.3), (35.2, 51.3)]).wkt,
            {
                "snapshot_id": 1,
                "side": "RU",
                "kind": "counterattack",
                "label": "Closing the pocket",
                "label_en": "Closing the pocket",
                "label_de": "Der Kessel wird geschlossen",
            },
        ),
    ]


def _comparable(records) -> list[tuple[object, ...]]:
    return sorted((r.layer, shapely.from_wkt(r.wkt).wkb_hex, sorted(r.attributes.items())) for r in records)


def _texts(records, layer: str, field: str, language: str) -> set[str]:
    return {
        r.attributes[f"{field}_{language}"]
        for r in records
        if r.layer == layer and r.attributes.get(f"{field}_{language}")
    }


def _check_translations(series: Series, records) -> None:
    first, second = series.sorted_snapshots()
    assert first.title_in("de") == "12. Woche: Entsatzangriff abgewehrt"
    assert first.caption_in("de") == "Der Kessel hält."
    assert first.title_in("en") == "Week 12: relief attack repelled"
    assert second.titles == {} and second.title_in("de") == "Week 13"  # no German: its own title
    assert series.credit_in("de") == "Beispieldaten" and series.credit_in("en") == "Sample data"
    assert _texts(records, "annotations", "text", "de") == {"Kessel"}
    assert _texts(records, "movements", "label", "de") == {"Der Kessel wird geschlossen"}
    assert _texts(records, "movements", "label", "en") == {"Closing the pocket"}


# -- round trips ----------------------------------------------------------------------------


def test_geopackage_keeps_every_text_per_language(tmp_path):
    path = tmp_path / "texts.gpkg"
    write_series(path, _series(), _records())
    series = read_series(path)
    assert series == _series()
    _check_translations(series, read_features(path))
    assert _comparable(read_features(path)) == _comparable(_records())


def test_postgis_keeps_every_text_per_language(postgis_server, tmp_path):
    location = _location(postgis_server, "texts")
    open_store(location).write(_series(), _records())
    series, records = open_store(location).read_content()
    assert series == _series()
    _check_translations(series, records)
    assert _comparable(records) == _comparable(_records())
    # And back into a GeoPackage: nothing lost on the way.
    copy_series(location, tmp_path / "back.gpkg")
    assert read_series(tmp_path / "back.gpkg") == _series()
    assert _comparable(read_features(tmp_path / "back.gpkg")) == _comparable(_records())


def test_a_changed_translation_counts_as_a_change_of_the_snapshot(postgis_server):
    location = _location(postgis_server, "texts_versions")
    store = open_store(location)
    store.write(_series(), _records())
    before = store.snapshot_versions()
    series = _series()
    first = series.snapshots[0]
    series.snapshots[0] = dataclasses.replace(first, titles={**first.titles, "de": "12. Woche: Neu"})
    store.write(series, _records())
    after = store.snapshot_versions()
    assert after[1].version == before[1].version + 1
    assert after[2].version == before[2].version
    assert store.read_series().snapshots[0].title_in("de") == "12. Woche: Neu"


# -- series stored before the language columns ------------------------------------------------


def _old_geopackage(path) -> None:
    """A series GeoPackage as written before the language columns: none of them, no credits."""
    write_series(path, _series(), _records())
    with closing(sqlite3.connect(path)) as db:
        for table, columns in LANGUAGE_COLUMNS.items():
            for column in columns:
                db.execute(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')
        db.execute("DELETE FROM series_settings WHERE key = 'credits'")
        db.commit()
    with closing(sqlite3.connect(path)) as db:
        columns = {row[1] for row in db.execute('PRAGMA table_info("snapshots")')}
    assert "title_de" not in columns and "title" in columns


def _imported() -> ImportResult:
    when = WEEK_12 + dt.timedelta(weeks=2)
    return ImportResult(
        snapshots=[
            SnapshotData(
                when,
                [
                    SituationFeature(
                        FeatureKind.AREAS, box(35.5, 51.0, 35.7, 51.2), "RU", {"status": "controlled"}
                    ),
                    SituationFeature(
                        FeatureKind.ANNOTATIONS,
                        Point(35.6, 51.1),
                        "RU",
                        {"text": "Wedge", "text_en": "Wedge", "text_de": "Keil"},
                    ),
                ],
                title="Week 14",
                caption="The pocket holds.",
                source="test",
                origin="week14.gpkg",
                titles={"de": "14. Woche"},
                captions={"de": "Der Kessel hält."},
            )
        ]
    )


def _check_old_series_then_import(location) -> None:
    store = open_store(location)
    series, records = store.read_content()
    assert [s.title for s in series.sorted_snapshots()] == ["Week 12: relief attack repelled", "Week 13"]
    assert all(s.titles == {} and s.captions == {} for s in series.snapshots)
    assert series.credits == {} and series.credit_in("de") == "Sample data"
    assert not any(
        name.endswith(tuple(f"_{lang}" for lang in LANGUAGES)) for r in records for name in r.attributes
    )
    assert {r.attributes.get("text") for r in records if r.layer == "annotations"} == {"Pocket", "Wedge"}

    summary = import_into(location, _imported())
    assert len(summary.added) == 1
    series, records = store.read_content()
    added = series.sorted_snapshots()[-1]
    assert (added.title_in("de"), added.caption_in("de"), added.title_in("en")) == (
        "14. Woche",
        "Der Kessel hält.",
        "Week 14",
    )
    assert _texts(records, "annotations", "text", "de") == {"Keil"}
    # What the series had is still there, untranslated.
    assert series.sorted_snapshots()[0].title_in("de") == "Week 12: relief attack repelled"
    assert {r.attributes.get("text") for r in records if r.layer == "annotations"} == {"Pocket", "Wedge"}


def test_a_geopackage_without_the_language_columns_opens_and_takes_an_import(tmp_path):
    path = tmp_path / "old.gpkg"
    _old_geopackage(path)
    _check_old_series_then_import(path)
    with closing(sqlite3.connect(path)) as db:
        columns = {row[1] for row in db.execute('PRAGMA table_info("annotations")')}
    assert {"text_en", "text_de"} <= columns


def _old_postgis(server, schema: str) -> None:
    """A PostGIS series as written before the language columns: none of them, no credits."""
    open_store(_location(server, schema)).write(_series(), _records())
    with closing(psycopg2.connect(server.conninfo)) as db, db.cursor() as cursor:
        for table, columns in LANGUAGE_COLUMNS.items():
            for column in columns:
                cursor.execute(
                    psycopg2.sql.SQL("ALTER TABLE {} DROP COLUMN {}").format(
                        psycopg2.sql.Identifier(schema, table), psycopg2.sql.Identifier(column)
                    )
                )
        cursor.execute(
            psycopg2.sql.SQL("DELETE FROM {} WHERE key = 'credits'").format(
                psycopg2.sql.Identifier(schema, "series_settings")
            )
        )
        db.commit()
        assert missing_language_columns(cursor, schema) == {t: list(c) for t, c in LANGUAGE_COLUMNS.items()}


def test_a_postgis_series_without_the_language_columns_opens_and_takes_an_import(postgis_server):
    _old_postgis(postgis_server, "old_texts")
    _check_old_series_then_import(_location(postgis_server, "old_texts"))
    with closing(psycopg2.connect(postgis_server.conninfo)) as db, db.cursor() as cursor:
        assert missing_language_columns(cursor, "old_texts") == {}


def test_an_old_postgis_series_takes_imports_from_a_user_who_may_not_alter_its_tables(postgis_server):
    """Writing rows, not owning the tables: the import goes in, without the translations it cannot store."""
    schema = "old_texts_editor"
    _old_postgis(postgis_server, schema)
    with closing(psycopg2.connect(postgis_server.conninfo)) as db, db.cursor() as cursor:
        cursor.execute("DROP ROLE IF EXISTS kt_editor")
        cursor.execute("CREATE ROLE kt_editor LOGIN")
        cursor.execute(
            psycopg2.sql.SQL("GRANT USAGE ON SCHEMA {} TO kt_editor").format(psycopg2.sql.Identifier(schema))
        )
        cursor.execute(
            psycopg2.sql.SQL(
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO kt_editor; "
                "GRANT USAGE ON ALL SEQUENCES IN SCHEMA {s} TO kt_editor"
            ).format(s=psycopg2.sql.Identifier(schema))
        )
        db.commit()
    editor = _location(postgis_server, schema, user="kt_editor")
    summary = import_into(editor, _imported())
    assert len(summary.added) == 1
    series, records = open_store(editor).read_content()
    assert series.sorted_snapshots()[-1].title == "Week 14"
    assert series.sorted_snapshots()[-1].titles == {}
    assert {r.attributes.get("text") for r in records if r.layer == "annotations"} == {"Pocket", "Wedge"}
    with closing(psycopg2.connect(postgis_server.conninfo)) as db, db.cursor() as cursor:
        assert missing_language_columns(cursor, schema)  # still the old tables


# -- imports and the sample ------------------------------------------------------------------------


def test_importing_a_series_geopackage_keeps_its_translations(tmp_path):
    source = tmp_path / "source.gpkg"
    write_series(source, _series(), _records())
    result = import_files([source], ImportOptions(), Feedback())
    assert result.snapshots[0].titles["de"] == "12. Woche: Entsatzangriff abgewehrt"
    target = tmp_path / "target.gpkg"
    import_into(target, result)
    content = SeriesContent.read(target)
    first = content.series.sorted_snapshots()[0]
    assert first.title_in("de") == "12. Woche: Entsatzangriff abgewehrt"
    assert first.caption_in("de") == "Der Kessel hält."
    assert _texts(content.records, "annotations", "text", "de") == {"Kessel"}
    assert _texts(content.records, "movements", "label", "de") == {"Der Kessel wird geschlossen"}


def test_the_sample_has_every_text_in_english_and_german():
    series = read_series(sample_series_path())
    records = read_features(sample_series_path())
    assert series.credits.keys() >= {"en", "de"} and series.credit_in("de") != series.credit_in("en")
    for snapshot in series.snapshots:
        for lang in ("en", "de"):
            assert snapshot.titles.get(lang) and snapshot.captions.get(lang), (snapshot.id, lang)
        assert snapshot.titles["en"] == snapshot.title and snapshot.captions["en"] == snapshot.caption
        assert snapshot.titles["de"] != snapshot.title
    texts = [(r.layer, r.attributes) for r in records if r.layer in ("annotations", "movements")]
    assert len([t for t in texts if t[0] == "annotations"]) >= 5
    for layer, attributes in texts:
        field = "text" if layer == "annotations" else "label"
        assert attributes.get(f"{field}_en") == attributes[field]
        assert attributes.get(f"{field}_de") and attributes[f"{field}_de"] != attributes[field], attributes
    week12 = series.sorted_snapshots()[12]
    assert week12.title_in("de").startswith("12. Woche")
    assert "Ljubimowka" in week12.caption_in("de") and "Lyubimovka" in week12.caption_in("en")
    german = {r.attributes["text_de"] for r in records if r.layer == "annotations"}
    assert {"Kessel", "Russischer Keil", "Beginn des Vorstoßes"} <= german


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_its_columns(language):
    for table, columns in LANGUAGE_COLUMNS.items():
        assert any(c.endswith(f"_{language}") for c in columns), table
