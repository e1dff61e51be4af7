"""Arrows do not run over place names: QGIS's label engine keeps place and annotation labels off them.

The sample series is drawn with the house styles, by QGIS's own renderer and
label engine, as the Lagebild's map (its scale, size and dpi) and as a map
canvas at two sizes; the label engine reports where it put each label. The
arrows are drawn alone onto a transparent image of the same map, so their
real shape (tapered body, head, outline) is what a label must stay off: a
place or annotation label whose rectangle holds more than an antialiased
fringe of arrow pixels is covered. Every place label must also be placed at
all (not dropped to make room).
"""

from __future__ import annotations

import datetime as dt

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsPointXY,
    QgsProject,
)
from qgis.PyQt.QtCore import QSize, QSizeF
from qgis.PyQt.QtGui import QColor, QImage

from kursk_tracker.export.lagebild import build_layout
from kursk_tracker.export.render import DISPLAY_CRS
from kursk_tracker.layers.scene import SeriesScene
from kursk_tracker.store.sample import sample_working_copy

from .conftest import flush_deletes

WEEKS = range(6, 15)
"""The counter-offensive and the pocket: the weeks whose Lagebilder the arrows crowd."""
FRINGE = 0.02
"""Share of a label's rectangle that arrow pixels may touch: the rectangle holds the font's
whole line height, so an arrow's antialiased edge can graze its top or bottom without
touching a letter."""
CANVASES = [
    QSize(900, 560),
    pytest.param(
        QSize(1250, 400),
        marks=pytest.mark.xfail(
            reason=(
                "a map 400 px tall shows the series at about 1:600 000, where the Russian wedge's head "
                "(week 11) is wider than the room beside Lyubimovka; QGIS 3.22's label engine sees an "
                "arrow as its centre line only, not its drawn width"
            ),
            strict=False,
        ),
    ),
]


@pytest.fixture(scope="module")
def scene(tmp_path_factory):
    project = QgsProject()
    scene = SeriesScene.open(sample_working_copy(tmp_path_factory.mktemp("series")), project, "en")
    yield scene
    scene.remove()
    project.clear()
    flush_deletes()


def instants(scene: SeriesScene) -> dict[int, dt.datetime]:
    return {
        scene.series.week_of(s.valid_at): s.valid_at
        for s in scene.series.sorted_snapshots()
        if scene.series.week_of(s.valid_at) in WEEKS
    }


def lagebild_map(scene: SeriesScene, instant: dt.datetime, language: str) -> QgsMapSettings:
    """The map the Lagebild prints: its item's extent, size and layers, at the export's 150 dpi."""
    layout = build_layout(scene, instant, language=language)
    main = layout.itemById("kt_map")
    dpi = 150.0
    size = QSizeF(main.rect().width() * dpi / 25.4, main.rect().height() * dpi / 25.4)
    return main.mapSettings(main.extent(), size, dpi, True)


def canvas_map(scene: SeriesScene, instant: dt.datetime, size: QSize) -> QgsMapSettings:
    """A map canvas of `size` showing the whole series, as QgsMapCanvas sets it up (96 dpi, map scope)."""
    scene.show(instant)
    crs = QgsCoordinateReferenceSystem(DISPLAY_CRS)
    settings = QgsMapSettings()
    shown = [node.layer() for node in scene.project.layerTreeRoot().findLayers() if node.isVisible()]
    settings.setLayers(shown)
    settings.setDestinationCrs(crs)
    settings.setOutputDpi(96.0)
    settings.setOutputSize(size)
    settings.setExtent(scene.loaded.full_extent(crs, margin=0.1))
    context = QgsExpressionContext()
    context.appendScope(QgsExpressionContextUtils.globalScope())
    context.appendScope(QgsExpressionContextUtils.projectScope(scene.project))
    context.appendScope(QgsExpressionContextUtils.mapSettingsScope(settings))
    settings.setExpressionContext(context)
    return settings


def render(settings: QgsMapSettings):
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage(), job.takeLabelingResults()


def arrows_only(settings: QgsMapSettings, scene: SeriesScene) -> QImage:
    only = QgsMapSettings(settings)
    only.setLayers([scene.loaded.layers["movements"]])
    only.setFlag(QgsMapSettings.Flag.DrawLabeling, False)
    only.setBackgroundColor(QColor(0, 0, 0, 0))
    image, _ = render(only)
    return image


def covered_labels(settings: QgsMapSettings, scene: SeriesScene) -> list[str]:
    """Place and annotation labels an arrow covers, and place labels left out, described."""
    _, results = render(settings)
    arrows = arrows_only(settings, scene)
    layers = {scene.loaded.layers[name].id(): name for name in ("places", "annotations")}
    to_pixel = settings.mapToPixel()
    problems = []
    for label in results.labelsWithinRect(settings.visibleExtent()):
        name = layers.get(label.layerID)
        if name is None:
            continue
        if getattr(label, "isUnplaced", False):
            if name == "places":
                problems.append(f"{name} label {label.labelText!r} left out")
            continue
        rect = label.labelRect
        top_left = to_pixel.transform(QgsPointXY(rect.xMinimum(), rect.yMaximum()))
        bottom_right = to_pixel.transform(QgsPointXY(rect.xMaximum(), rect.yMinimum()))
        xs = range(max(0, int(top_left.x())), min(arrows.width(), int(bottom_right.x()) + 1))
        ys = range(max(0, int(top_left.y())), min(arrows.height(), int(bottom_right.y()) + 1))
        inked = sum(1 for x in xs for y in ys if QColor.fromRgba(arrows.pixel(x, y)).alpha() > 40)
        area = max(1, len(xs) * len(ys))
        if inked > FRINGE * area:
            problems.append(f"{name} label {label.labelText!r}: {inked} of {area} px under an arrow")
    return problems


@pytest.mark.parametrize("language", ["en", "de"])
def test_lagebild_keeps_place_labels_off_the_arrows(scene, language):
    problems = []
    for week, instant in instants(scene).items():
        settings = lagebild_map(scene, instant, language)
        problems += [f"week {week}: {p}" for p in covered_labels(settings, scene)]
    assert problems == []


@pytest.mark.parametrize("size", CANVASES, ids=["900x560", "1250x400"])
def test_map_canvas_keeps_place_labels_off_the_arrows(scene, size):
    problems = []
    for week, instant in instants(scene).items():
        problems += [f"week {week}: {p}" for p in covered_labels(canvas_map(scene, instant, size), scene)]
    assert problems == []


def test_the_weeks_checked_have_arrows_and_places(scene):
    """The check above is not vacuous: the weeks show arrows, and place labels near them."""
    week, instant = 12, instants(scene)[12]
    settings = lagebild_map(scene, instant, "en")
    _, results = render(settings)
    places = scene.loaded.layers["places"].id()
    assert (
        sum(1 for label in results.labelsWithinRect(settings.visibleExtent()) if label.layerID == places) >= 6
    ), f"week {week}: too few place labels"
    arrows = arrows_only(settings, scene)
    assert any(
        QColor.fromRgba(arrows.pixel(x, y)).alpha() > 40
        for x in range(0, arrows.width(), 3)
        for y in range(0, arrows.height(), 3)
    )
