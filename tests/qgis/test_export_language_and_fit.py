"""Exports in one language from title to credit, the Export dock in a narrow dock, the Lagebild's frame.

German figures hold no English word of the sample and no English interface word, and English ones no
German; the animation takes the panel's language whatever QGIS speaks; the Export dock fits 380 px in
both languages; the caption block is as tall as its text; no place symbol is cut by the map frame; the
layout designer opens at the panel's dpi.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sqlite3
import subprocess
import unicodedata
from pathlib import Path

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProject,
    QgsRectangle,
    QgsReferencedRectangle,
    QgsSettings,
)
from qgis.PyQt.QtCore import QCoreApplication, QPoint
from qgis.PyQt.QtWidgets import QDockWidget, QWidget

from kursk_tracker.export.animation import AnimationOptions, FrameRenderer
from kursk_tracker.export.lagebild import build_layout, export_lagebild
from kursk_tracker.export.layout_items import PLACE_MARGIN_MM, caption_height_mm
from kursk_tracker.export.wording import LEGEND_WORDS, WORDS
from kursk_tracker.layers.scene import SeriesScene
from kursk_tracker.layers.series_layers import ROLE_PROPERTY
from kursk_tracker.store.sample import sample_working_copy

from .conftest import flush_deletes

WEEK_12 = dt.datetime(2024, 10, 29, 21, 0, tzinfo=dt.timezone.utc)
UTC = dt.timezone.utc


def _words(text: str) -> set[str]:
    """Words of four letters or more, lower case (short words are shared too often to tell languages)."""
    return {w.lower() for w in re.findall(r"[^\W\d_]{4,}", unicodedata.normalize("NFKC", text))}


def _sample_texts(path: Path, language: str) -> str:
    """Every text of the sample series in one language: titles, captions, credit, names, labels, places."""
    other = "de" if language == "en" else "en"
    texts: list[str] = []
    with sqlite3.connect(path) as db:
        texts += [row[0] or "" for row in db.execute(f"select title_{language} from snapshots")]
        texts += [row[0] or "" for row in db.execute(f"select caption_{language} from snapshots")]
        texts += [row[0] or "" for row in db.execute(f"select text_{language} from annotations")]
        texts += [row[0] or "" for row in db.execute(f"select label_{language} from movements")]
        texts += [row[0] or "" for row in db.execute(f"select name_{language} from places")]
        settings = dict(db.execute("select key, value from series_settings"))
    texts.append(json.loads(settings["credits"]).get(language, ""))
    texts.append(json.loads(settings["names"]).get(language, ""))
    texts += [side["names"].get(language, "") for side in json.loads(settings["sides"])]
    # The figure's own words: titles, captions, legend entries.
    texts += [value for value in WORDS[language].values()]
    texts += [value for value in LEGEND_WORDS[language].values()]
    if language == "en":
        texts += list(LEGEND_WORDS["en"])
    assert other  # both tables exist for both languages
    return " ".join(texts)


def _pdf_words(path: Path) -> set[str]:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    # A word broken over two lines by the label engine comes back whole.
    return _words(" ".join(unicodedata.normalize("NFKC", text).split()))


@pytest.fixture(scope="module")
def series_file(tmp_path_factory) -> Path:
    return sample_working_copy(tmp_path_factory.mktemp("series"))


@pytest.fixture(scope="module")
def only_in():
    """Words each language's texts of the sample have and the other's do not."""

    def words(path: Path) -> dict[str, set[str]]:
        english, german = _words(_sample_texts(path, "en")), _words(_sample_texts(path, "de"))
        return {"en": english - german, "de": german - english}

    return words


# The Lagebild in one language -------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("language", ["de", "en"])
def test_the_lagebild_pdf_holds_no_word_of_the_other_language(series_file, only_in, language, tmp_path):
    # The scene speaks the other language (as a QGIS in that language would); the export decides.
    other = "en" if language == "de" else "de"
    project = QgsProject()
    scene = SeriesScene.open(series_file, project, other)
    try:
        pdf = export_lagebild(scene, WEEK_12, tmp_path / f"week12_{language}.pdf", "pdf", "web", language)
    finally:
        scene.remove()
        project.clear()
    words = _pdf_words(pdf)
    exclusive = only_in(series_file)
    # The figure speaks its language: its own caption, credit and place names are there …
    assert exclusive[language] & words, words
    assert (
        {"kessel", "sudscha", "russland", "beispieldaten"} <= words
        if language == "de"
        else {"pocket", "sudzha", "russia"} <= words
    )
    # … and not one word of the other.
    assert not exclusive[other] & words, sorted(exclusive[other] & words)
    # The arrows are named in the figure's language: names written along the arrows were left out
    # by the label engine where an arrow is shorter than its name (1 of 4 in English, 0 in German).
    with sqlite3.connect(series_file) as db:
        (snapshot,) = db.execute("select id from snapshots where valid_at like '2024-10-29%'").fetchone()
        names = [
            row[0]
            for row in db.execute(
                f"select label_{language} from movements where snapshot_id = ?", (snapshot,)
            )
        ]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    named = [name for name in names if name in text]
    assert len(names) == 4 and len(named) >= 3, (names, named)


def test_week_zero_is_woche_0_in_german(series_file):
    project = QgsProject()
    scene = SeriesScene.open(series_file, project, "de")
    try:
        first = scene.snapshots()[0].valid_at
        german = build_layout(scene, first, "web", "de")
        english = build_layout(scene, first, "web", "en")
        assert german.itemById("kt_week").currentText() == "Woche 0"
        assert english.itemById("kt_week").currentText() == "week 0"
        assert german.createExpressionContext().variable("kt_snapshot_title").startswith("Woche 0")
    finally:
        scene.remove()
        project.clear()


# The Lagebild's frame ---------------------------------------------------------------------------


@pytest.fixture
def scene(series_file):
    project = QgsProject()
    scene = SeriesScene.open(series_file, project, "de")
    yield scene
    scene.remove()
    project.clear()


@pytest.mark.parametrize("template", ["web", "a4"])
def test_the_caption_block_is_as_tall_as_its_text_and_the_map_takes_the_rest(scene, template):
    layout = build_layout(scene, WEEK_12, template, "de")
    caption = layout.itemById("kt_caption")
    main = layout.itemById("kt_map")
    page = layout.pageCollection().page(0).rect()
    needed = caption_height_mm(caption, caption.currentText())
    height = caption.rect().height()
    assert height == pytest.approx(needed, abs=0.2)
    # No empty band: the caption's frame ends where the template put it, the page's margin from its foot.
    bottom = caption.pos().y() + height
    assert page.height() - bottom <= caption.pos().x() + 0.5
    # The map (or what stands between it and the caption) ends just above the caption.
    below_map = [
        item
        for item in layout.items()
        if hasattr(item, "attemptMove")
        and item is not caption
        and item.pos().y() >= main.pos().y() + main.rect().height() - 0.01
        and item.pos().y() < caption.pos().y()
    ]
    lowest = max(
        [main.pos().y() + main.rect().height()] + [i.pos().y() + i.rect().height() for i in below_map]
    )
    assert 0.5 < caption.pos().y() - lowest < 8.0
    # Refilled for another instant (a batch), the caption is measured afresh, from the template's frame.
    from kursk_tracker.export.lagebild import fill_layout

    fill_layout(layout, scene, scene.snapshots()[0].valid_at, "de")
    assert caption.pos().y() + caption.rect().height() == pytest.approx(bottom, abs=0.05)
    refilled = caption_height_mm(caption, caption.currentText())
    assert caption.rect().height() == pytest.approx(refilled, abs=0.2)


def test_no_place_symbol_is_cut_by_the_map_frame(scene):
    """A frame whose edge runs through Rylsk: the map widens to hold it whole, with room around it."""
    places = next(
        layer
        for layer in scene.project.mapLayers().values()
        if layer.customProperty(ROLE_PROPERTY) == "places"
    )
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    mercator = QgsCoordinateReferenceSystem("EPSG:3857")
    to_map = QgsCoordinateTransform(places.crs(), mercator, QgsProject.instance())
    points = {f["name_en"]: to_map.transform(f.geometry().asPoint()) for f in places.getFeatures()}
    rylsk = points["Rylsk"]
    # From Sudzha up to a northern edge exactly through Rylsk's symbol.
    sudzha = points["Sudzha"]
    cut = QgsRectangle(rylsk.x() - 20_000, sudzha.y() - 10_000, sudzha.x() + 10_000, rylsk.y())
    layout = build_layout(scene, WEEK_12, "web", "de", QgsReferencedRectangle(cut, mercator))
    main = layout.itemById("kt_map")
    extent = main.extent()
    margin = PLACE_MARGIN_MM * extent.width() / main.rect().width()
    inner = QgsRectangle(
        extent.xMinimum() + margin * 0.99,
        extent.yMinimum() + margin * 0.99,
        extent.xMaximum() - margin * 0.99,
        extent.yMaximum() - margin * 0.99,
    )
    near = QgsRectangle(extent)
    near.grow(margin)
    assert inner.contains(rylsk)
    for name, point in points.items():
        # Every place is either well inside or well outside (not drawn): none on the frame.
        assert inner.contains(point) or not near.contains(point), name
    assert wgs84.isValid()


# The animation takes the panel's language ---------------------------------------------------------


def test_the_animation_speaks_the_panels_language_in_an_english_qgis(plugin, series_file):
    from kursk_tracker.gui.animation_panel import AnimationPanel
    from kursk_tracker.toolbelt.i18n import current_language

    assert current_language() == "en"
    plugin.open_sample_series()
    panel = AnimationPanel(plugin.session, None)
    try:
        assert panel.language() == "en"  # QGIS's language to start with
        panel.language_combo.setCurrentIndex(panel.language_combo.findData("de"))
        options = panel.options()
        assert options.language == "de"
        assert options.timing == "linear"  # the film moves through each week by default
    finally:
        panel.deleteLater()
        flush_deletes()
    # Where the frame's words are composed: the box and the credit.
    options = AnimationOptions(width=480, height=270, language=options.language)
    project = QgsProject()
    scene = SeriesScene.open(series_file, project, options.language, options.timing)
    try:
        renderer = FrameRenderer(scene, options)
        _shown, title, date, summary = renderer.prepare(WEEK_12 + dt.timedelta(days=2))
        assert title == "Kursk-Offensive (illustrativ)"
        assert "Oktober" in date and "MEZ" in date and "13. Woche" not in date and "12. Woche" in date
        assert "seit" in summary and " since " not in summary
        assert renderer.credit == "Kursk Tracker, Beispieldaten (illustrativ)"
        renderer.start()
        assert not renderer.finish().isNull()
    finally:
        scene.remove()
        project.clear()


def test_the_animations_default_timing_moves_the_front_through_the_week(series_file):
    """Linear: halfway through a week, about half the week's change is done (eased holds it back)."""
    assert AnimationOptions().timing == "linear"
    from kursk_tracker.core.stats import area_km2

    project = QgsProject()
    scene = SeriesScene.open(series_file, project, "en", "linear")
    try:
        snapshots = scene.snapshots()
        before, after = snapshots[1].valid_at, snapshots[2].valid_at
        held = []
        for day in range(8):
            scene.show(before + (after - before) * day / 7)
            held.append(scene.held_now().get("UA", 0.0))
        steps = [abs(b - a) for a, b in zip(held, held[1:])]
        total = abs(held[-1] - held[0])
        assert total > 1.0
        # Every day of the week shows some of the change; no day carries most of it.
        assert all(step > total * 0.02 for step in steps), steps
        assert max(steps) < total * 0.5, steps
        assert area_km2 is not None
    finally:
        scene.remove()
        project.clear()


# The chart writes numbers as QGIS's language does -------------------------------------------------


@pytest.fixture
def german_qgis():
    settings = QgsSettings()
    old = settings.value("locale/userLocale", ""), settings.value("locale/overrideFlag", False)
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "de_DE")
    yield
    settings.setValue("locale/userLocale", old[0])
    settings.setValue("locale/overrideFlag", old[1])


def test_the_chart_writes_german_numbers_in_a_german_qgis(german_qgis, qgis_app):
    from kursk_tracker.gui.animation_panel import AnimationPanel  # noqa: F401 (Qt widgets ready)
    from kursk_tracker.gui.area_chart import AreaChart

    chart = AreaChart()
    try:
        assert chart.number_text(1144.0) == "1.144"
        assert chart.number_text(103.5) == "104"
    finally:
        chart.deleteLater()


# The Export dock fits and starts in QGIS's language ---------------------------------------------


def _overflow(dock) -> list[str]:
    """Widgets of the dock reaching beyond its visible width."""
    viewport = dock.scroll_area.viewport()
    QCoreApplication.processEvents()
    too_wide = []
    for widget in dock.scroll_area.widget().findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not dock.window():
            continue
        right = widget.mapTo(viewport, QPoint(widget.width(), 0)).x()
        if right > viewport.width() + 1:
            too_wide.append(
                f"{widget.metaObject().className()} {widget.objectName()!r} "
                f"{getattr(widget, 'text', lambda: '')()!r}: {right} > {viewport.width()}"
            )
    return too_wide


def _open_dock(plugin, iface) -> QDockWidget:
    plugin.open_sample_series()
    dock = iface.mainWindow().findChild(QDockWidget, "KurskTrackerExportDock")
    dock.setFloating(True)
    dock.resize(380, 900)
    dock.show()
    for _ in range(5):
        QCoreApplication.processEvents()
    return dock


def test_the_export_dock_fits_380_px_in_english(plugin, iface):
    dock = _open_dock(plugin, iface)
    try:
        assert dock.language() == "en"
        assert _overflow(dock) == []
        assert dock.scroll_area.horizontalScrollBar().maximum() == 0
        # Idle, there is no "0%" bar.
        assert not dock.animation_panel.progress.isVisible()
        assert dock.animation_panel.timing_hint.text().startswith("Linear:")
    finally:
        dock.hide()


@pytest.fixture
def german_plugin(german_qgis, plugin):
    """The plugin loaded in a German QGIS (german_qgis is set up first)."""
    return plugin


def test_the_export_dock_fits_380_px_in_german_and_starts_german(german_plugin, iface, tmp_path):
    from kursk_tracker.toolbelt.i18n import tr

    assert tr("Cancel") == "Abbrechen"  # the German translation is installed
    dock = _open_dock(german_plugin, iface)
    try:
        assert dock.language() == "de"
        assert _overflow(dock) == []
        assert dock.scroll_area.horizontalScrollBar().maximum() == 0
        assert not dock.animation_panel.progress.isVisible()
        # A long path in the status is shortened at its start, whole in the tooltip.
        long_folder = tmp_path / ("sehr_langer_ordnername_" * 6)
        german_plugin.session.show_instant(WEEK_12)
        dock.width_spin.setValue(300)
        # One English export …
        dock.language_combo.setCurrentIndex(dock.language_combo.findData("en"))
        written = dock.export_to(str(long_folder / "figure.png"))
        assert written is not None
        assert dock.status.toolTip() == str(written)
        assert dock.status.text().endswith("figure.png") and str(long_folder) not in dock.status.text()
        assert _overflow(dock) == []
        # … and opening a series again (or the next session) starts German again.
        german_plugin.open_sample_series()
        assert dock.language() == "de"
    finally:
        dock.hide()
    german_plugin.unload()
    flush_deletes()
    german_plugin.initGui()
    again = iface.mainWindow().findChild(QDockWidget, "KurskTrackerExportDock")
    assert again.language() == "de"


# The designer opens at the panel's dpi --------------------------------------------------------------


def test_the_layout_in_the_project_carries_the_panels_dpi(plugin, iface):
    plugin.open_sample_series()
    dock = iface.mainWindow().findChild(QDockWidget, "KurskTrackerExportDock")
    plugin.session.show_instant(WEEK_12)
    dock.dpi_spin.setValue(150)
    layout = dock.open_in_designer()
    try:
        assert layout.renderContext().dpi() == 150.0
        assert float(layout.customProperty("exportResolution")) == 150.0
        dock.dpi_spin.setValue(220)
        second = dock.open_in_designer()
        assert second.renderContext().dpi() == 220.0
    finally:
        manager = QgsProject.instance().layoutManager()
        for item in list(manager.printLayouts()):
            manager.removeLayout(item)
        flush_deletes()
