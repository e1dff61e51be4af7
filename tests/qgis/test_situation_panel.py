"""The Situation layers panel: held areas per side, imports in the background, re-date, remove."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from qgis.core import Qgis, QgsProject
from qgis.PyQt.QtWidgets import QDockWidget, QTreeWidget

from kursk_tracker.importers.base import ImportOptions
from kursk_tracker.store.gpkg import read_series
from kursk_tracker.store.sample import sample_series_path
from kursk_tracker.store.statistics import series_statistics

from .conftest import wait_for_import


def _dock(iface):
    return iface.mainWindow().findChild(QDockWidget, "KurskTrackerSituationDock")


def _rows(dock):
    table = dock.findChild(QTreeWidget, "snapshotList")
    header = [table.headerItem().text(c) for c in range(table.columnCount())]
    return header, [
        [table.topLevelItem(i).text(c) for c in range(table.columnCount())]
        for i in range(table.topLevelItemCount())
    ]


@pytest.fixture
def series_copy(tmp_path):
    target = tmp_path / "series.gpkg"
    shutil.copyfile(sample_series_path(), target)
    return target


def test_the_list_shows_features_and_held_area_per_side(plugin, iface):
    plugin.open_sample_series()
    header, rows = _rows(_dock(iface))
    assert header == ["Date", "Week", "Ukraine km²", "Russia km²", "Features", "Title", "Source"]
    _series, stats = series_statistics(plugin.session.current.path)
    week12 = next(r for r in rows if r[1] == "12")
    ua = sum(
        s.area_km2 for s in stats if s.week == 12 and s.side == "UA" and s.status in ("controlled", "pocket")
    )
    assert float(week12[2].replace(",", "")) == pytest.approx(ua, abs=0.05)
    assert int(week12[4]) > 0


def test_after_a_new_project_the_list_has_only_the_empty_columns(plugin, iface):
    plugin.open_sample_series()
    QgsProject.instance().clear()  # Project › New
    header, rows = _rows(_dock(iface))
    assert header == ["Date", "Week", "Title", "Source"]
    assert rows == []


def test_an_import_runs_in_the_background_and_opens_the_new_series(plugin, iface, tmp_path):
    dock = _dock(iface)
    output = tmp_path / "imported.gpkg"
    dock.start_import([sample_series_path()], "gpkg", ImportOptions(), output)
    assert dock.progress.isVisibleTo(dock)
    wait_for_import(dock)
    assert not dock.progress.isVisibleTo(dock)
    assert plugin.session.current is not None and plugin.session.current.path == output
    _header, rows = _rows(dock)
    assert len(rows) == len(read_series(sample_series_path()).snapshots)


def test_a_cancelled_import_writes_nothing_and_says_so(plugin, iface, tmp_path):
    from kursk_tracker.layers.import_task import ImportTask

    dock = _dock(iface)
    output = tmp_path / "cancelled.gpkg"
    heard = []
    plugin.session.importFinished.connect(heard.append)
    # Cancelled before its first file, deterministically (a running import may finish its
    # last file before it looks at the cancel).
    task = ImportTask([sample_series_path()], "gpkg", ImportOptions(), output)
    task.cancel()
    assert task.run() is False
    plugin.session._import_done(task)
    assert heard and heard[0].cancelled and not heard[0].failure
    assert not output.exists()
    assert plugin.session.current is None
    assert not dock.progress.isVisibleTo(dock)
    warnings = iface.messageBar().get_messages(Qgis.MessageLevel.Warning)
    assert any("Import cancelled; the series is unchanged." in text for text in warnings)


def test_redate_and_remove_change_the_file_and_the_list(plugin, iface, series_copy):
    plugin.open_series(series_copy)
    dock = _dock(iface)
    snapshots = plugin.session.snapshots()
    target = snapshots[2]
    new_instant = dt.datetime(2024, 8, 21, 6, 30, tzinfo=dt.timezone.utc)
    assert dock.redate(target.id, new_instant)
    moved = next(s for s in read_series(series_copy).snapshots if s.id == target.id)
    assert moved.valid_at == new_instant
    _header, rows = _rows(dock)
    assert any(r[0] == "2024-08-21 08:30 CEST" for r in rows)
    assert not dock.redate(target.id, snapshots[3].valid_at)  # taken: refused, unchanged
    assert dock.remove(snapshots[0].id)
    _header, rows = _rows(dock)
    assert len(rows) == len(snapshots) - 1
    assert len(read_series(series_copy).snapshots) == len(snapshots) - 1


def _undated_geojson(path):
    path.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", '
        '"properties": {"side": "UA", "status": "controlled"}, "geometry": {"type": "Polygon", '
        '"coordinates": [[[35.0, 51.0], [35.2, 51.0], [35.2, 51.2], [35.0, 51.0]]]}}]}',
        encoding="utf-8",
    )
    return path


def test_a_file_without_a_date_is_asked_for_and_then_imported(plugin, iface, tmp_path, monkeypatch):
    undated = _undated_geojson(tmp_path / "lage.geojson")
    when = dt.datetime(2024, 10, 29, 22, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    asked = []

    def answer(paths, known=()):
        asked.extend(paths)
        return {paths[0]: when}

    dock = _dock(iface)
    monkeypatch.setattr(dock, "ask_dates", answer)
    output = tmp_path / "series.gpkg"
    dock.start_import([undated], "folder", ImportOptions(), output)
    wait_for_import(dock)  # the first import finds no date and asks
    wait_for_import(dock)  # the second imports the dated file
    assert asked == [undated]
    assert [s.valid_at for s in read_series(output).snapshots] == [when]


def test_the_date_dialog_returns_the_ticked_files_in_the_series_zone(qgis_iface, tmp_path):
    from kursk_tracker.gui.date_dialog import DateDialog

    first, second = tmp_path / "a.geojson", tmp_path / "b.geojson"
    dialog = DateDialog([first, second], "Europe/Berlin")
    assert dialog.dates() == {}
    dialog.set_date(second, dt.datetime(2024, 10, 29, 21, tzinfo=dt.timezone.utc))
    chosen = dialog.dates()
    assert list(chosen) == [second]
    assert chosen[second] == dt.datetime(2024, 10, 29, 21, tzinfo=dt.timezone.utc)
    assert chosen[second].utcoffset() == dt.timedelta(hours=1)  # MEZ


def test_the_import_dialog_remembers_side_and_kind_mappings(qgis_iface):
    from kursk_tracker.gui.import_dialog import ImportDialog

    dialog = ImportDialog("mymaps", ["UA", "RU"])
    dialog.mapping_table.add_row("#F57C00", "RU")
    dialog.kind_table.add_row("Vorstöße", "movements")
    dialog.kind_table.add_row("Unsinn", "nonsense")  # not a kind: left out
    options = dialog.options("Europe/Berlin")
    assert options.side_mapping["#f57c00"] == "RU"
    assert options.kind_mapping == {"vorstöße": "movements"}
    again = ImportDialog("mymaps", ["UA", "RU"])
    assert again.mapping_table.mapping()["#f57c00"] == "RU"
    assert again.kind_table.mapping()["vorstöße"] == "movements"


def test_the_heading_counts_snapshots_in_the_singular_and_plural(plugin, iface, series_copy):
    plugin.open_series(series_copy)
    dock = _dock(iface)
    assert "— 15 snapshots" in dock.heading.text()
    for snapshot in plugin.session.snapshots()[1:]:
        assert dock.remove(snapshot.id)
    assert "— 1 snapshot<" in dock.heading.text()
