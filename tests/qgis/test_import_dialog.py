"""Importing says where it goes and what went wrong; typed dates take; the Situation panel's details.

Real QGIS, real GeoPackage series and real GeoJSON files: a good one, one
with a self-intersecting polygon (repaired) and a truncated one (refused).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QPoint, Qt
from qgis.PyQt.QtGui import QFontMetrics
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QDateTimeEdit, QDockWidget, QMessageBox, QPushButton, QToolButton, QTreeWidget

from kursk_tracker.importers.base import ImportOptions
from kursk_tracker.importers.registry import import_to_series
from kursk_tracker.store.backend import open_store
from kursk_tracker.store.gpkg import read_series
from kursk_tracker.store.sample import sample_series_path
from kursk_tracker.toolbelt.i18n import install_translator, remove_translator

from .conftest import wait_for_import

UTC = dt.timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")
SQUARE = "[[35.0, 51.0], [35.2, 51.0], [35.2, 51.2], [35.0, 51.2], [35.0, 51.0]]"
BOW_TIE = "[[35.0, 51.0], [35.2, 51.2], [35.2, 51.0], [35.0, 51.2], [35.0, 51.0]]"  # crosses at 35.1, 51.1


def _geojson(path: Path, ring: str) -> Path:
    path.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", '
        '"properties": {"side": "UA", "status": "controlled"}, '
        f'"geometry": {{"type": "Polygon", "coordinates": [{ring}]}}}}]}}\n',
        encoding="utf-8",
    )
    return path


def _truncated(path: Path) -> Path:
    text = _geojson(path, SQUARE).read_text(encoding="utf-8")
    path.write_text(text[:120], encoding="utf-8")  # cut inside a string, as an interrupted download
    return path


def _folder(root: Path, good: int, self_intersecting: int, truncated: int) -> Path:
    """Weekly files from 1 October 2024: good ones first, then the repaired, then the truncated."""
    root.mkdir()
    day = dt.date(2024, 10, 1)
    for kind, count in (("good", good), ("bow", self_intersecting), ("cut", truncated)):
        for _ in range(count):
            path = root / f"{day.isoformat()}.geojson"
            if kind == "cut":
                _truncated(path)
            else:
                _geojson(path, SQUARE if kind == "good" else BOW_TIE)
            day += dt.timedelta(days=7)
    return root


def _dock(iface):
    return iface.mainWindow().findChild(QDockWidget, "KurskTrackerSituationDock")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@contextlib.contextmanager
def _language(locale: str):
    """QGIS set to `locale`, with the plugin's translation installed for it."""
    settings = QgsSettings()
    old = settings.value("locale/userLocale", ""), settings.value("locale/overrideFlag", False)
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", locale)
    translator = install_translator()
    try:
        yield
    finally:
        remove_translator(translator)
        settings.setValue("locale/userLocale", old[0])
        settings.setValue("locale/overrideFlag", old[1])


@pytest.fixture
def series_copy(tmp_path):
    target = tmp_path / "open.gpkg"
    shutil.copyfile(sample_series_path(), target)
    return target


# Where the import goes ---------------------------------------------------------------


def test_the_dialog_names_the_open_series_and_offers_a_new_one(plugin, iface, series_copy, tmp_path):
    from kursk_tracker.gui.import_dialog import ImportDialog

    plugin.open_series(series_copy)
    series, store = plugin.session.series, plugin.session.store
    dialog = ImportDialog("folder", ["UA", "RU"], current=(series.name("en"), store))
    label = dialog.series_target.label.text()
    assert series.name("en") in label and str(series_copy) in label
    assert dialog.target() == store.location and not dialog.target_is_new()
    assert dialog.findChild(QPushButton, "newSeriesButton").isVisibleTo(dialog)

    dialog.set_new_series(tmp_path / "neu")
    assert dialog.target() == tmp_path / "neu.gpkg" and dialog.target_is_new()
    label = dialog.series_target.label.text()
    assert "New series <b>neu</b>" in label and str(tmp_path / "neu.gpkg") in label
    assert "closed, unchanged" in label
    assert dialog.series_target.open_button.isVisibleTo(dialog)
    dialog.use_open_series()
    assert dialog.target() == store.location

    dialog.set_new_series(series_copy)  # the open series' own file is the open series
    assert not dialog.target_is_new()


def test_without_a_series_the_target_is_a_new_series(qgis_iface, tmp_path):
    from kursk_tracker.gui.import_dialog import ImportDialog

    dialog = ImportDialog("folder", ["UA", "RU"])
    assert dialog.target() is None
    assert "A new series" in dialog.series_target.label.text()
    assert not dialog.series_target.open_button.isVisibleTo(dialog)
    dialog.set_new_series(tmp_path / "erste.gpkg")
    assert dialog.target() == tmp_path / "erste.gpkg"


def test_import_into_a_new_series_while_another_is_open(plugin, iface, series_copy, tmp_path):
    from kursk_tracker.gui.import_dialog import ImportDialog

    plugin.open_series(series_copy)
    before = _digest(series_copy)
    sample_count = len(read_series(series_copy).snapshots)
    dock = _dock(iface)
    current = (plugin.session.series.name("en"), plugin.session.store)
    dialog = ImportDialog("folder", ["UA", "RU"], current=current)
    dialog.set_new_series(tmp_path / "new.gpkg")
    folder = _folder(tmp_path / "files", good=2, self_intersecting=0, truncated=0)
    dock.start_import([folder], "folder", ImportOptions(), dialog.target())
    wait_for_import(dock)

    # The new series has the two files and is what the panel shows now.
    new = read_series(tmp_path / "new.gpkg")
    assert sorted(s.valid_at.astimezone(BERLIN).date() for s in new.snapshots) == [
        dt.date(2024, 10, 1),
        dt.date(2024, 10, 8),
    ]
    assert plugin.session.current.path == tmp_path / "new.gpkg"
    table = dock.findChild(QTreeWidget, "snapshotList")
    assert table.topLevelItemCount() == 2
    # The series that was open is closed, its file exactly as it was.
    assert _digest(series_copy) == before
    assert len(read_series(series_copy).snapshots) == sample_count
    assert "2 snapshots imported into new.gpkg." in dock.last_report.text
    assert "was closed, unchanged" in dock.last_report.text


def test_a_failed_import_into_a_new_series_makes_none_and_keeps_the_open_one(
    plugin, iface, series_copy, tmp_path
):
    plugin.open_series(series_copy)
    dock = _dock(iface)
    folder = _folder(tmp_path / "files", good=0, self_intersecting=0, truncated=1)
    dock.start_import([folder], "folder", ImportOptions(), tmp_path / "none.gpkg")
    wait_for_import(dock)
    assert not (tmp_path / "none.gpkg").exists()
    assert plugin.session.current.path == series_copy
    assert "no series was made" in dock.last_report.text
    box = dock.findChild(QMessageBox, "importReport")
    assert box is not None and box.text() == dock.last_report.text
    box.close()


# The summary -------------------------------------------------------------------------


def _report(tmp_path, name, repaired, truncated):
    from kursk_tracker.gui.import_report import import_report

    folder = _folder(tmp_path / name, good=1, self_intersecting=repaired, truncated=truncated)
    output = tmp_path / f"{name}.gpkg"
    result, summary = import_to_series([folder], "folder", ImportOptions(), output)
    return import_report(result, summary, open_store(output))


def test_the_summary_names_one_problem_file_and_one_repair(qgis_iface, tmp_path):
    report = _report(tmp_path, "one", repaired=1, truncated=1)
    lines = report.text.splitlines()
    assert lines[0] == "2 snapshots imported into one.gpkg."
    assert "1 problem:" in lines
    assert any(
        re.fullmatch(r"• 2024-10-15\.geojson: truncated JSON at line 1, column \d+", line) for line in lines
    )
    assert "1 repair:" in lines
    assert "• 2024-10-08.geojson: repaired an area: self-intersection at 51.1000 N, 35.1000 E" in lines
    assert "problems" not in report.text and "repairs" not in report.text
    assert str(tmp_path / "one" / "2024-10-15.geojson") in report.details


def test_the_summary_names_two_problem_files_and_two_repairs(qgis_iface, tmp_path):
    report = _report(tmp_path, "two", repaired=2, truncated=2)
    lines = report.text.splitlines()
    assert lines[0] == "3 snapshots imported into two.gpkg."
    assert "2 problems:" in lines and "2 repairs:" in lines
    for name in ("2024-10-22", "2024-10-29"):
        assert any(line.startswith(f"• {name}.geojson: truncated JSON") for line in lines)
    for name in ("2024-10-08", "2024-10-15"):
        assert f"• {name}.geojson: repaired an area: self-intersection at 51.1000 N, 35.1000 E" in lines


def test_the_summary_in_german_one_and_two(qgis_iface, tmp_path):
    """Needs the German translations of the import summary in i18n/kursk_tracker_de.qm."""
    with _language("de_DE"):
        one = _report(tmp_path, "eins", repaired=1, truncated=1).text.splitlines()
        two = _report(tmp_path, "zwei", repaired=2, truncated=2).text.splitlines()
    assert one[0] == "2 Lagestände in eins.gpkg importiert."
    assert "1 Problem:" in one and "1 Reparatur:" in one
    truncated = "• 2024-10-15.geojson: abgeschnittenes JSON in Zeile 1, Spalte "
    assert any(line.startswith(truncated) for line in one)
    assert "• 2024-10-08.geojson: Gebiet repariert: Selbstüberschneidung bei 51.1000 N, 35.1000 E" in one
    assert two[0] == "3 Lagestände in zwei.gpkg importiert."
    assert "2 Probleme:" in two and "2 Reparaturen:" in two
    assert sum(line.startswith("• 2024-10-2") and "abgeschnittenes JSON" in line for line in two) == 2
    assert sum("Gebiet repariert" in line for line in two) == 2


def test_the_panel_shows_the_summary_of_a_folder_with_a_bad_file(plugin, iface, tmp_path):
    dock = _dock(iface)
    folder = _folder(tmp_path / "files", good=1, self_intersecting=1, truncated=1)
    dock.start_import([folder], "folder", ImportOptions(), tmp_path / "series.gpkg")
    wait_for_import(dock)
    box = dock.findChild(QMessageBox, "importReport")
    assert box is not None
    text = box.text()  # the visible text, not the details
    assert "2024-10-15.geojson: truncated JSON" in text
    assert "2024-10-08.geojson: repaired an area" in text
    box.close()


# Typed dates -------------------------------------------------------------------------


def _click_section(edit: QDateTimeEdit, position: int) -> None:
    """Click into the field's text at character `position`, as a user would."""
    line = edit.lineEdit()
    edit.activateWindow()
    edit.setFocus()
    QCoreApplication.processEvents()
    x = QFontMetrics(line.font()).horizontalAdvance(line.text()[:position]) + 4
    QTest.mouseClick(
        line, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x, line.height() // 2)
    )
    QCoreApplication.processEvents()


def test_typing_a_year_into_the_timeline_date_field_takes(plugin, iface):
    plugin.open_sample_series()
    timeline = iface.mainWindow().findChild(QDockWidget, "KurskTrackerTimelineDock")
    iface.mainWindow().show()
    edit = timeline.date_edit
    shown = edit.dateTime()
    _click_section(edit, 2)  # inside "2024"
    assert edit.currentSection() == QDateTimeEdit.Section.YearSection
    QTest.keyClicks(edit, "2025")
    assert edit.dateTime().date().year() == 2025
    assert edit.dateTime().date().month() == shown.date().month()
    # The timeline moving meanwhile leaves the typing alone.
    plugin.session.show_instant(plugin.session.snapshots()[3].valid_at)
    assert edit.dateTime().date().year() == 2025

    _click_section(edit, 2)
    QTest.keyClicks(edit, "2024")
    _click_section(edit, 6)  # the month
    QTest.keyClicks(edit, "09")
    _click_section(edit, 9)  # the day
    QTest.keyClicks(edit, "20")
    QTest.keyClick(edit, Qt.Key.Key_Return)
    instant = plugin.session.instant.astimezone(BERLIN)
    assert (instant.year, instant.month, instant.day) == (2024, 9, 20)


def test_the_undated_dialog_starts_a_week_after_the_neighbouring_files(plugin, iface, tmp_path):
    from kursk_tracker.gui.date_dialog import DateDialog
    from kursk_tracker.layers.import_task import ImportTask

    folder = _folder(tmp_path / "files", good=2, self_intersecting=0, truncated=0)  # 1 and 8 October
    undated = [_geojson(folder / "lage.geojson", SQUARE), _geojson(folder / "stand.geojson", SQUARE)]
    task = ImportTask([folder], "folder", ImportOptions(), tmp_path / "series.gpkg", lambda _task: None)
    assert task.run()
    assert sorted(task.undated) == undated
    known = plugin.session.dates_near(task.result, task.output)
    dialog = DateDialog(sorted(task.undated), "Europe/Berlin", known=known)
    editors = [editor for _path, _check, editor in dialog.rows]
    assert [e.dateTime().toString("yyyy-MM-dd HH:mm") for e in editors] == [
        "2024-10-15 00:00",
        "2024-10-22 00:00",
    ]
    assert dialog.dates() == {}  # nothing ticked until the user says so

    _click_section(editors[0], 1)
    QTest.keyClicks(editors[0], "2023")
    assert dialog.dates() == {undated[0]: dt.datetime(2023, 10, 15, 0, 0, tzinfo=BERLIN)}


def test_the_undated_dialog_keeps_the_local_time_across_the_clock_change(qgis_iface):
    from kursk_tracker.gui.date_dialog import suggested_instants

    evening = dt.datetime(2024, 10, 22, 20, 0, tzinfo=UTC)  # 22:00 CEST
    first, second = suggested_instants(2, [evening, evening - dt.timedelta(days=7)], "Europe/Berlin")
    assert first == dt.datetime(2024, 10, 29, 21, 0, tzinfo=UTC)  # 22:00 CET
    assert second == dt.datetime(2024, 11, 5, 21, 0, tzinfo=UTC)
    today = dt.datetime(2026, 3, 2, 15, 30, tzinfo=UTC)
    assert suggested_instants(1, [], "Europe/Berlin", today) == [dt.datetime(2026, 3, 2, tzinfo=BERLIN)]


# The panel ---------------------------------------------------------------------------


def _rows(dock):
    table = dock.findChild(QTreeWidget, "snapshotList")
    return [
        [table.topLevelItem(i).text(c) for c in range(table.columnCount())]
        for i in range(table.topLevelItemCount())
    ]


def test_km2_have_one_decimal_in_the_language_of_the_panel(plugin, iface, series_copy):
    with _language("de_DE"):
        plugin.open_series(series_copy)
        dock = _dock(iface)
        rows = _rows(dock)
        scene = plugin.session.scene
        snapshots = plugin.session.series.sorted_snapshots()
        for row, snapshot in zip(rows, snapshots):
            for column, side in ((2, "UA"), (3, "RU")):
                assert re.fullmatch(r"\d{1,3}(\.\d{3})*,\d", row[column]), row[column]
                value = float(row[column].replace(".", "").replace(",", "."))
                assert value == pytest.approx(scene.held_km2(snapshot).get(side, 0.0), abs=0.05)
        table = dock.findChild(QTreeWidget, "snapshotList")
        metrics = QFontMetrics(table.font())
        for column in (2, 3):  # wide enough for every figure: no "103" for 103,5
            assert table.columnWidth(column) >= max(metrics.horizontalAdvance(r[column]) for r in rows)
    assert any(not row[3].endswith(",0") for row in rows)


def test_the_buttons_say_what_they_do(plugin, iface):
    dock = _dock(iface)
    for button in (
        dock.findChild(QToolButton, "importButton"),
        dock.findChild(QPushButton, "sampleButton"),
        dock.findChild(QPushButton, "redateButton"),
        dock.findChild(QPushButton, "removeButton"),
    ):
        assert button is not None and len(button.toolTip()) > 10


def test_the_redate_dialog_writes_the_zone_as_the_panel_does(plugin, iface, series_copy):
    from qgis.PyQt.QtWidgets import QLabel

    plugin.open_series(series_copy)
    dock = _dock(iface)
    august = plugin.session.series.sorted_snapshots()[0]
    dialog, editor = dock.redate_dialog(august)
    zone = dialog.findChild(QLabel, "redateZone")
    assert zone.text() == "CEST"
    assert "Europe/Berlin" not in " ".join(label.text() for label in dialog.findChildren(QLabel))
    editor.setDate(editor.date().addMonths(4))  # December: winter time
    assert zone.text() == "CET"
    with _language("de_DE"):
        dialog, _editor = dock.redate_dialog(august)
        assert dialog.findChild(QLabel, "redateZone").text() == "MESZ"
