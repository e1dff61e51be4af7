"""The Lagebild: templates filled for an instant, PNG/PDF/SVG out, batches, the Export panel, Processing."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsLayoutItemLabel,
    QgsLayoutItemMap,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsPointXY,
    QgsPrintLayout,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
    QgsReadWriteContext,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import QEventLoop, QPointF, QTimer
from qgis.PyQt.QtGui import QImage
from qgis.PyQt.QtWidgets import QDockWidget

from kursk_tracker.export.lagebild import (
    ExportError,
    build_layout,
    export_batch,
    export_lagebild,
    export_layout,
    file_name,
)
from kursk_tracker.layers.scene import SeriesScene
from kursk_tracker.processing.export_lagebild import ExportLagebildAlgorithm
from kursk_tracker.store.sample import sample_working_copy
from kursk_tracker.toolbelt.settings import ExportSettings

from .conftest import flush_deletes

WEEK_12 = dt.datetime(2024, 10, 29, 21, 0, tzinfo=dt.timezone.utc)
TITLE_DE = "Lagebild der Kursk-Offensive am 29. Oktober 22:00 MEZ"
TITLE_EN = "Situation map of the Kursk offensive, 29 October 22:00 CET"
# Inside the area Ukraine holds in week 12, a little south of Sudzha (away from its label).
INSIDE_UA = QgsPointXY(35.27, 51.12)


@pytest.fixture(scope="module")
def project():
    project = QgsProject()
    yield project
    project.clear()


@pytest.fixture(scope="module")
def scene(project, tmp_path_factory):
    return SeriesScene.open(sample_working_copy(tmp_path_factory.mktemp("series")), project, "de")


def _pdf_text(path: Path) -> str:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    # Ligatures ("ﬀ") back to letters, line breaks to spaces.
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _pixel_of(layout: QgsPrintLayout, point_wgs84: QgsPointXY, image: QImage) -> tuple[int, int]:
    """Where a WGS84 point lands in the exported image, through the layout map's transform."""
    main: QgsLayoutItemMap = layout.itemById("kt_map")
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    to_map = QgsCoordinateTransform(wgs84, main.crs(), QgsProject.instance())
    on_map = to_map.transform(point_wgs84)
    in_item = main.mapToItemCoords(QPointF(on_map.x(), on_map.y()))
    in_layout = main.mapToScene(in_item)
    page = layout.pageCollection().page(0).rect()
    return (
        round(in_layout.x() / page.width() * image.width()),
        round(in_layout.y() / page.height() * image.height()),
    )


def _side_pixels(image: QImage, step: int = 3) -> tuple[int, int, int]:
    """Counts of blue-ish (UA), red-ish (RU) pixels and distinct colours, sampled on a grid."""
    blue = red = 0
    colours = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            c = image.pixelColor(x, y)
            colours.add(c.rgb())
            if c.blue() > c.red() + 40:
                blue += 1
            elif c.red() > c.blue() + 40 and c.red() > c.green() + 40:
                red += 1
    return blue, red, len(colours)


def test_the_web_lagebild_png_has_the_asked_width_and_shows_both_sides(scene, tmp_path):
    layout = build_layout(scene, WEEK_12, "web", "de")
    path = export_layout(layout, tmp_path / "week12.png", "png", width_px=1600, dpi=150)
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1600, 1000)
    blue, red, colours = _side_pixels(image)
    assert colours > 500, "the figure looks blank"
    samples = (image.width() // 3) * (image.height() // 3)
    assert blue > 0.03 * samples and red > 0.02 * samples
    x, y = _pixel_of(layout, INSIDE_UA, image)
    colour = image.pixelColor(x, y)
    assert colour.blue() > colour.red() + 40, f"not Ukraine's colour at Sudzha: {colour.name()}"
    assert not list(tmp_path.glob(".*part*")), "a temporary file was left behind"


def test_the_png_width_follows_the_request(scene, tmp_path):
    layout = build_layout(scene, WEEK_12, "web", "en")
    image = QImage(str(export_layout(layout, tmp_path / "small.png", "png", width_px=800, dpi=96)))
    assert (image.width(), image.height()) == (800, 500)


def test_german_and_english_titles_week_and_caption(scene):
    german = build_layout(scene, WEEK_12, "web", "de")
    title = german.itemById("kt_title")
    assert title.currentText() == TITLE_DE
    assert german.itemById("kt_week").currentText() == "12. Woche"
    caption = german.itemById("kt_caption").currentText()
    assert caption.startswith("Lagebild am 29. Oktober 22:00 MEZ: Russische Truppen")
    assert caption.endswith(scene.series.credit_in("de"))

    english = build_layout(scene, WEEK_12, "a4", "en")
    assert english.itemById("kt_title").currentText() == TITLE_EN
    assert english.itemById("kt_week").currentText() == "week 12"
    assert english.itemById("kt_caption").currentText().startswith("Situation on 29 October 22:00 CET: ")
    scope = english.createExpressionContext()
    assert scope.variable("kt_title") == TITLE_EN
    assert scope.variable("kt_date") == "29 October 22:00 CET"
    assert scope.variable("kt_series") == "Kursk offensive"


def test_the_legend_shows_only_what_the_map_shows_in_the_figures_language(scene, tmp_path):
    layout = build_layout(scene, WEEK_12, "web", "de")
    legend = layout.itemById("kt_legend")
    export_layout(layout, tmp_path / "legend.png", "png", 400)  # the map filter applies when drawn
    nodes = legend.model().rootGroup().findLayers()
    names = {node.layer().customProperty("kursk_tracker/role") for node in nodes}
    assert "context_countries" not in names and "areas" not in names
    assert {"live_areas", "live_change", "movements", "places"} <= names
    labels = []
    for node in legend.model().rootGroup().findLayers():
        labels += [entry.data(0) for entry in legend.model().layerLegendNodes(node)]
    assert "Ukraine: kontrolliert" in labels and "Russland: kontrolliert" in labels
    assert "Other sides" not in labels and "Russland: Kessel" not in labels  # not on the map


def test_between_snapshots_the_caption_says_the_map_is_interpolated(scene):
    middle = WEEK_12 + dt.timedelta(days=3, hours=12)
    layout = build_layout(scene, middle, "web", "en")
    caption = layout.itemById("kt_caption").currentText()
    assert caption.startswith(
        "Situation on 2 November 10:00 CET, interpolated between 29 October and 5 November"
    )


def test_the_pdf_is_vector_with_the_title_as_text(scene, tmp_path):
    path = export_lagebild(scene, WEEK_12, tmp_path / "week12.pdf", "pdf", "a4", "de", dpi=150)
    assert path.read_bytes()[:5] == b"%PDF-"
    text = _pdf_text(path)
    assert TITLE_DE in text and "12. Woche" in text and "Sudscha" in text
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "DejaVu" in fonts or len(fonts.splitlines()) > 2, fonts


def test_the_english_pdf_has_the_english_title(scene, tmp_path):
    path = export_lagebild(scene, WEEK_12, tmp_path / "week12_en.pdf", "pdf", "web", "en")
    assert TITLE_EN in _pdf_text(path)


def test_svg_is_written_and_parseable(scene, tmp_path):
    path = export_lagebild(scene, WEEK_12, tmp_path / "week12.svg", "svg", "web", "de")
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg")
    texts = "".join(element.text or "" for element in root.iter() if element.tag.endswith("text"))
    assert "Lagebild der Kursk-Offensive" in texts


def test_batch_writes_one_file_per_snapshot_named_by_local_date(scene, tmp_path):
    written = export_batch(scene, tmp_path / "all", "png", "web", "de", width_px=320)
    snapshots = scene.snapshots()
    assert len(written) == len(snapshots) == 15
    names = sorted(p.name for p in (tmp_path / "all").iterdir())
    assert names == sorted(file_name(scene.series, s.valid_at, "png") for s in snapshots)
    assert "lagebild_2024-10-29_2200.png" in names  # 21:00 UTC is 22:00 CET
    # 20:00 UTC in August is 22:00 summer time (CEST): the name is the local time.
    assert snapshots[0].valid_at.hour == 20 and names[0] == "lagebild_2024-08-06_2200.png"
    assert all(QImage(str(p)).width() == 320 for p in written)


def test_batch_can_be_cancelled(scene, tmp_path):
    calls = []
    written = export_batch(
        scene,
        tmp_path,
        "png",
        "web",
        "en",
        width_px=200,
        progress=lambda done, total: calls.append(done),
        cancelled=lambda: len(calls) >= 2,
    )
    assert len(written) == 2 and sorted(tmp_path.iterdir()) == sorted(written)


def test_a_failing_batch_stops_and_shows_the_instant_again(scene, tmp_path):
    scene.show(WEEK_12)
    language = scene.language
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(ExportError) as raised:
        export_batch(scene, blocker, "png", "web", "en" if language == "de" else "de", width_px=200)
    assert str(blocker) in str(raised.value)
    assert scene.instant == WEEK_12 and scene.language == language
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not_a_folder"]


def test_a_failed_export_leaves_no_file_and_names_the_path(scene, tmp_path):
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file where the folder should be")
    layout = build_layout(scene, WEEK_12, "web", "de")
    target = blocker / "week12.png"
    with pytest.raises(ExportError) as raised:
        export_layout(layout, target, "png", 400)
    assert str(target) in str(raised.value)
    occupied = tmp_path / "occupied.png"
    occupied.mkdir()  # a folder in the way of the file
    with pytest.raises(ExportError) as raised:
        export_layout(layout, occupied, "png", 400)
    assert str(occupied) in str(raised.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not_a_folder", "occupied.png"]
    assert not any(occupied.iterdir())


def _user_template(path: Path, project: QgsProject, with_credit: bool = False) -> Path:
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    main = QgsLayoutItemMap(layout)
    main.setId("kt_map")
    layout.addLayoutItem(main)
    main.attemptMove(QgsLayoutPoint(10, 30, QgsUnitTypes.LayoutMillimeters))
    main.attemptResize(QgsLayoutSize(200, 150, QgsUnitTypes.LayoutMillimeters))
    heading = QgsLayoutItemLabel(layout)
    heading.setId("my_heading")
    heading.setText("[% upper(@kt_week) %] – [% @kt_title %]")
    layout.addLayoutItem(heading)
    heading.attemptMove(QgsLayoutPoint(10, 10, QgsUnitTypes.LayoutMillimeters))
    heading.attemptResize(QgsLayoutSize(250, 10, QgsUnitTypes.LayoutMillimeters))
    if with_credit:
        for item_id in ("kt_caption", "kt_credit"):
            label = QgsLayoutItemLabel(layout)
            label.setId(item_id)
            layout.addLayoutItem(label)
    assert layout.saveAsTemplate(str(path), QgsReadWriteContext())
    return path


def test_a_user_template_with_only_a_map_and_an_expression_label_is_filled(scene, project, tmp_path):
    template = _user_template(tmp_path / "mine.qpt", project)
    layout = build_layout(scene, WEEK_12, template, "de")
    assert layout.itemById("my_heading").currentText() == f"12. WOCHE – {TITLE_DE}"
    main = layout.itemById("kt_map")
    assert not main.extent().isEmpty() and main.layers()
    image = QImage(str(export_layout(layout, tmp_path / "mine.png", "png", 1200)))
    blue, red, colours = _side_pixels(image)
    assert image.width() == 1200 and colours > 100 and blue > 0 and red > 0


def test_a_template_with_its_own_credit_item_gets_the_caption_without_it(scene, project, tmp_path):
    template = _user_template(tmp_path / "credit.qpt", project, with_credit=True)
    layout = build_layout(scene, WEEK_12, template, "en")
    credit = scene.series.credit
    assert layout.itemById("kt_credit").text() == credit
    assert credit not in layout.itemById("kt_caption").text()


def test_a_template_without_a_map_is_refused(scene, tmp_path):
    broken = tmp_path / "broken.qpt"
    broken.write_text("<Layout><PageCollection/></Layout>")
    with pytest.raises(ExportError, match=r"broken\.qpt"):
        build_layout(scene, WEEK_12, broken, "de")


# Processing ---------------------------------------------------------------------------------


def _run(parameters: dict) -> dict:
    algorithm = ExportLagebildAlgorithm().create()
    results, ok = algorithm.run(parameters, QgsProcessingContext(), QgsProcessingFeedback())
    assert ok, results
    return results


def test_processing_exports_one_instant(tmp_path):
    series = sample_working_copy(tmp_path / "series")
    results = _run(
        {
            "INPUT": str(series),
            "DATETIME": "2024-10-29T21:00:00Z",
            "FORMAT": "pdf",
            "LANGUAGE": "en",
            "OUTPUT": str(tmp_path / "week12.pdf"),
        }
    )
    assert results["COUNT"] == 1 and Path(results["OUTPUT"]).exists()
    assert TITLE_EN in _pdf_text(Path(results["OUTPUT"]))


def test_processing_exports_every_snapshot_into_a_folder(tmp_path):
    series = sample_working_copy(tmp_path / "series")
    results = _run(
        {
            "INPUT": str(series),
            "DATETIME": "",
            "FORMAT": "png",
            "WIDTH_PX": 300,
            "LANGUAGE": "de",
            "OUTPUT": str(tmp_path / "out"),
        }
    )
    assert results["COUNT"] == 15
    assert (tmp_path / "out" / "lagebild_2024-10-29_2200.png").exists()


# The Export panel ---------------------------------------------------------------------------


@pytest.fixture
def export_dock(plugin, iface):
    plugin.open_sample_series()
    return iface.mainWindow().findChild(QDockWidget, "KurskTrackerExportDock")


def test_the_panel_exports_the_instant_on_the_timeline(plugin, export_dock, tmp_path):
    plugin.session.show_instant(WEEK_12)
    export_dock.width_spin.setValue(900)
    export_dock.set_template("web")
    written = export_dock.export_to(str(tmp_path / "from_panel.png"))
    assert written is not None and QImage(str(written)).width() == 900
    assert export_dock.default_file_name() == "lagebild_2024-10-29_2200.png"
    assert ExportSettings.load().width_px == 900


def test_the_panel_exports_all_snapshots(plugin, export_dock, tmp_path):
    export_dock.width_spin.setValue(240)
    shown = plugin.session.instant
    ended = []
    export_dock.batchFinished.connect(ended.append)
    loop = QEventLoop()
    export_dock.batchFinished.connect(loop.quit)
    assert export_dock.export_all_to(str(tmp_path))
    QTimer.singleShot(120000, loop.quit)
    loop.exec()
    assert len(ended) == 1 and len(ended[0]) == 15
    assert plugin.session.instant == shown  # the timeline's instant is back


def test_open_in_layout_designer_adds_a_uniquely_named_layout(plugin, export_dock):
    plugin.session.show_instant(WEEK_12)
    first = export_dock.open_in_designer()
    second = export_dock.open_in_designer()
    manager = QgsProject.instance().layoutManager()
    assert first.name() == "Lagebild 2024-10-29 22:00"
    assert second.name() == "Lagebild 2024-10-29 22:00 (2)"
    assert manager.layoutByName(first.name()) is first
    # Closing the project takes the layouts; here they go first, as a user would remove them.
    for layout in (first, second):
        manager.removeLayout(layout)
    flush_deletes()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_panel_writes_pdf_when_the_file_says_so(plugin, export_dock, tmp_path):
    plugin.session.show_instant(WEEK_12)
    index = export_dock.language_combo.findData("en")
    export_dock.language_combo.setCurrentIndex(index)
    written = export_dock.export_to(str(tmp_path / "panel.pdf"))
    assert TITLE_EN in _pdf_text(written)
