"""The sample series opens from the menu, fills the docks and survives a project round trip."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing

from qgis.core import QgsProject
from qgis.PyQt.QtWidgets import QDockWidget, QSlider, QTreeWidget

from kursk_tracker.store.schema import DRAW_ORDER

from .conftest import flush_deletes

WEEKLY_FROM_6_AUGUST_TO_5_NOVEMBER = 14


def _menu_action(iface, text):
    for action in iface.mainWindow().menuBar().actions():
        menu = action.menu()
        if menu is not None and menu.objectName() == "KurskTrackerMenu":
            return next(a for a in menu.actions() if a.text() == text)
    raise AssertionError("no Kursk Tracker menu")


def _dock(iface, name) -> QDockWidget:
    return iface.mainWindow().findChild(QDockWidget, name)


def test_open_sample_series_from_the_menu_adds_a_styled_group(plugin, iface):
    _menu_action(iface, "Open sample series").trigger()
    project = QgsProject.instance()
    groups = [
        g for g in project.layerTreeRoot().findGroups() if g.customProperty("kursk_tracker/role") == "series"
    ]
    assert len(groups) == 1
    assert "illustrative" in groups[0].name()
    names = [node.layer().customProperty("kursk_tracker/role") for node in groups[0].findLayers()]
    # The morphed front lines and areas and the change sit just above the stored areas and
    # take their place on the map.
    assert names[: len(DRAW_ORDER) + 3] == [
        *DRAW_ORDER[:-1],
        "live_front_lines",
        "live_change",
        "live_areas",
        "areas",
    ]
    assert "context_countries" in names
    areas = plugin.session.current.layers["areas"]
    legend = [item.label() for item in areas.renderer().legendSymbolItems()]
    assert "Ukraine: Controlled" in legend and "Russia: Controlled" in legend
    assert "Ukraine: Pocket" in legend
    assert areas.temporalProperties().startField() == "valid_from"
    assert areas.featureCount() > 0  # the shown snapshot's areas


def test_situation_dock_lists_every_snapshot_with_date_and_week(plugin, iface):
    plugin.open_sample_series()
    table = _dock(iface, "KurskTrackerSituationDock").findChild(QTreeWidget, "snapshotList")
    rows = [
        [table.topLevelItem(i).text(c) for c in range(table.columnCount())]
        for i in range(table.topLevelItemCount())
    ]
    assert len(rows) >= WEEKLY_FROM_6_AUGUST_TO_5_NOVEMBER
    assert rows[0][:2] == ["2024-08-06 22:00 CEST", "0"]
    week12 = next(r for r in rows if r[1] == "12")
    assert week12[0] == "2024-10-29 22:00 CET"
    row12 = next(
        table.topLevelItem(i)
        for i in range(table.topLevelItemCount())
        if table.topLevelItem(i).text(1) == "12"
    )
    assert row12.toolTip(0) == "29 October 2024, 22:00 CET"
    assert all("Illustrative" in r[-1] for r in rows)


def test_choosing_a_snapshot_filters_the_map_and_moves_the_timeline(plugin, iface):
    plugin.open_sample_series()
    session = plugin.session
    snapshots = session.snapshots()
    week12 = next(s for s in snapshots if session.series.week_of(s.valid_at) == 12)
    table = _dock(iface, "KurskTrackerSituationDock").findChild(QTreeWidget, "snapshotList")
    row = [s.id for s in snapshots].index(week12.id)
    table.setCurrentItem(table.topLevelItem(row))
    assert session.current_snapshot() == week12
    areas = session.current.layers["areas"]
    assert areas.subsetString() == f'"snapshot_id" = {week12.id}'
    assert {f["snapshot_id"] for f in areas.getFeatures()} == {week12.id}
    with closing(sqlite3.connect(f"file:{session.current.path}?mode=ro", uri=True)) as db:
        (expected,) = db.execute("SELECT COUNT(*) FROM areas WHERE snapshot_id = ?", (week12.id,)).fetchone()
    assert areas.featureCount() == expected > 0
    assert session.instant == week12.valid_at
    slider = _dock(iface, "KurskTrackerTimelineDock").findChild(QSlider, "timelineSlider")
    fraction = (week12.valid_at - snapshots[0].valid_at) / (snapshots[-1].valid_at - snapshots[0].valid_at)
    assert slider.value() == round(fraction * slider.maximum())
    slider.setValue(0)
    assert session.current_snapshot() == snapshots[0]
    assert table.topLevelItem(0).isSelected()
    session.step(1)
    assert session.current_snapshot() == snapshots[1]


def test_a_saved_project_reopens_with_its_series(plugin, iface, tmp_path):
    plugin.open_sample_series()
    plugin.session.step(-3)
    shown = plugin.session.current_snapshot()
    project = QgsProject.instance()
    path = tmp_path / "lagebild.qgz"
    assert project.write(str(path))
    project.clear()
    flush_deletes()
    assert plugin.session.series is None
    assert project.read(str(path))
    assert plugin.session.series is not None
    assert plugin.session.current_snapshot() == shown
    table = _dock(iface, "KurskTrackerSituationDock").findChild(QTreeWidget, "snapshotList")
    assert table.topLevelItemCount() == len(plugin.session.snapshots())


def test_a_saved_project_reopens_at_its_instant_timing_and_comparison(plugin, iface, tmp_path):
    """Written into the project file, not read back from what a layer shows."""
    from qgis.PyQt.QtWidgets import QComboBox

    from kursk_tracker.toolbelt.settings import TimelineSettings

    plugin.open_sample_series()
    session = plugin.session
    snapshots = session.snapshots()
    between = snapshots[5].valid_at + dt.timedelta(days=2, hours=7)
    session.set_timing("eased")
    session.compare_with(snapshots[2].id)
    session.show_instant(between)
    project = QgsProject.instance()
    path = tmp_path / "between.qgs"
    assert project.write(str(path))
    assert "<KurskTracker>" in path.read_text(encoding="utf-8")
    project.clear()
    flush_deletes()
    TimelineSettings.update(preview_timing="linear")  # the user's choice since: the project's wins
    assert project.read(str(path))
    assert session.instant == between
    assert session.current_snapshot() == snapshots[5]
    assert session.timing == "eased" and session.comparing == snapshots[2].id
    timeline = _dock(iface, "KurskTrackerTimelineDock")
    assert timeline.findChild(QComboBox, "timingCombo").currentData() == "eased"
    assert timeline.findChild(QComboBox, "compareCombo").currentData() == snapshots[2].id


def test_a_project_saved_without_an_instant_opens_at_the_latest_snapshot(plugin, tmp_path):
    plugin.open_sample_series()
    plugin.session.step(-3)
    project = QgsProject.instance()
    path = tmp_path / "older.qgs"
    assert project.write(str(path))
    text = path.read_text(encoding="utf-8")
    start, end = text.index("<KurskTracker>"), text.index("</KurskTracker>") + len("</KurskTracker>")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    project.clear()
    flush_deletes()
    assert project.read(str(path))
    assert plugin.session.current_snapshot() == plugin.session.snapshots()[-1]


def test_the_sample_opens_from_a_working_copy_not_the_plugin_folder(plugin):
    from kursk_tracker.store.gpkg import read_series
    from kursk_tracker.store.sample import sample_series_path

    plugin.open_sample_series()
    opened = plugin.session.current.path
    assert opened != sample_series_path()
    assert read_series(opened) == read_series(sample_series_path())
    plugin.open_sample_series()
    assert plugin.session.current.path == opened
    shipped = sample_series_path().parent
    assert sorted(p.name for p in shipped.iterdir() if p.name.startswith("kursk_sample")) == [
        "kursk_sample.gpkg"
    ]


def test_legend_symbols_carry_their_sides_colour(plugin):
    plugin.open_sample_series()
    areas = plugin.session.current.layers["areas"]
    colours = {side.code: side.colour for side in plugin.session.series.sides}
    for item in areas.renderer().legendSymbolItems():
        if not item.label().startswith(("Ukraine:", "Russia:")):
            continue
        side = "UA" if item.label().startswith("Ukraine") else "RU"
        for symbol_layer in item.symbol().symbolLayers():
            properties = symbol_layer.dataDefinedProperties()
            for key in properties.propertyKeys():
                text = properties.property(key).expressionString()
                assert '"side"' not in text and "@kt_side_colours" not in text
                if "json_to_map" in text:
                    assert colours[side] in text


def test_the_shown_snapshots_title_and_caption_are_under_the_list(plugin, iface):
    from qgis.PyQt.QtWidgets import QLabel

    plugin.open_sample_series()
    session = plugin.session
    week12 = next(s for s in session.snapshots() if session.series.week_of(s.valid_at) == 12)
    session.show_snapshot(week12.id)
    caption = _dock(iface, "KurskTrackerSituationDock").findChild(QLabel, "snapshotCaption")
    assert week12.title in caption.text()
    assert week12.caption[:30] in caption.text()


def test_a_newly_opened_series_is_framed_in_web_mercator(plugin, iface):
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform
    from qgis.PyQt.QtCore import QCoreApplication

    plugin.open_sample_series()
    for _ in range(5):
        QCoreApplication.processEvents()
    canvas = iface.mapCanvas()
    assert QgsProject.instance().crs().authid() == "EPSG:3857"
    assert canvas.mapSettings().destinationCrs().authid() == "EPSG:3857"
    wgs84_extent = plugin.session.current.full_extent(QgsCoordinateReferenceSystem("EPSG:4326"), 0.0)
    series_extent = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"),
        canvas.mapSettings().destinationCrs(),
        QgsProject.instance(),
    ).transformBoundingBox(wgs84_extent)
    assert canvas.extent().contains(series_extent)
    # Zoomed to the series, not the world: the tighter dimension is close to the series'.
    assert (
        min(
            canvas.extent().width() / series_extent.width(), canvas.extent().height() / series_extent.height()
        )
        < 2
    )


def test_the_map_has_finished_drawing_the_series_before_its_layers_leave(plugin, iface):
    """Deleting a layer while a render thread prepares its symbols can crash QGIS 3.22."""
    from qgis.PyQt.QtCore import QCoreApplication

    canvas = iface.mapCanvas()
    canvas.show()
    plugin.open_sample_series()
    seen = []
    QgsProject.instance().layersWillBeRemoved.connect(lambda _ids: seen.append(canvas.isDrawing()))
    for _attempt in range(50):
        canvas.refreshAllLayers()
        QCoreApplication.processEvents()
        if canvas.isDrawing():
            break
    assert canvas.isDrawing(), "the map never started drawing"
    plugin.session.close_series()
    assert seen and not any(seen)
