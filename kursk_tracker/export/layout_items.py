"""Filling a Lagebild layout's items for a scene: the map and its extent, the overview,
the legend in the figure's language, the scale bar, and the caption sized to its text.
"""

from __future__ import annotations

import math
from contextlib import suppress
from typing import TYPE_CHECKING

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDistanceArea,
    QgsFillSymbol,
    QgsLayerTree,
    QgsLayerTreeLayer,
    QgsLayoutItem,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutUtils,
    QgsLegendRenderer,
    QgsMapLayer,
    QgsMapLayerLegendUtils,
    QgsPointXY,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsReferencedRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt

from ..core.series import Series
from ..core.text import tr
from ..core.timefmt import format_day
from ..layers.series_layers import ROLE_PROPERTY
from ..toolbelt.compat import (
    label_font,
    layout_millimetres,
    legend_component,
    required,
    scale_bar_fixed_segments,
)
from .render import DISPLAY_CRS

if TYPE_CHECKING:
    from ..layers.scene import SeriesScene


from .wording import LEGEND_WORDS, WORDS

LEGEND_ROLES = ("live_areas", "live_change", "live_front_lines", "front_lines", "movements", "places")


def layers_with_role(scene: SeriesScene, roles: tuple[str, ...]) -> list[QgsMapLayer]:
    found = {}
    for layer in scene.project.mapLayers().values():
        role = layer.customProperty(ROLE_PROPERTY)
        if role in roles:
            found[role] = layer
    return [found[role] for role in roles if role in found]


def fill_main_map(
    main: QgsLayoutItemMap, scene: SeriesScene, extent: QgsRectangle | QgsReferencedRectangle | None
) -> None:
    if isinstance(extent, QgsReferencedRectangle) and extent.crs().isValid():
        crs = extent.crs()
    else:
        crs = QgsCoordinateReferenceSystem(DISPLAY_CRS)
    main.setCrs(crs)
    # A fixed layer set: the figure shows what the scene shows now, not whatever the project toggles later.
    main.setLayers(scene.visible_layers())
    main.setKeepLayerSet(True)
    wanted = QgsRectangle(extent) if extent is not None and not extent.isEmpty() else None
    show_extent(main, wanted or scene.loaded.full_extent(crs, margin=0.1))
    keep_places_whole(main, scene)
    measure_on_ellipsoid(scene.project, crs)


PLACE_MARGIN_MM = 4.0
"""Room kept between a place's symbol and the map frame (the symbol's radius and a little air)."""


def keep_places_whole(main: QgsLayoutItemMap, scene: SeriesScene) -> None:
    """No place symbol cut by the frame: a place near the frame widens the extent to hold it whole.

    A place farther outside stays outside (not drawn); one inside, or closer to
    the frame than its symbol is wide, is framed with `PLACE_MARGIN_MM` to spare.
    Widening can bring the next place near the frame, so this repeats a few times.
    """
    layers = layers_with_role(scene, ("places",))
    layer = layers[0] if layers else None
    if not isinstance(layer, QgsVectorLayer):  # no places (a series' places layer is a vector layer)
        return
    to_map = QgsCoordinateTransform(layer.crs(), main.crs(), scene.project)
    points = []
    for feature in layer.getFeatures():
        geometry = feature.geometry()
        if geometry is None or geometry.isEmpty():
            continue
        with suppress(Exception):  # a point the map's CRS cannot hold
            points.append(
                to_map.transform(
                    geometry.asPoint() if not geometry.isMultipart() else geometry.asMultiPoint()[0]
                )
            )
    for _round in range(4):
        extent = QgsRectangle(main.extent())
        width_mm = main.rect().width()
        if width_mm <= 0 or extent.width() <= 0:
            return
        margin = PLACE_MARGIN_MM * extent.width() / width_mm
        near = QgsRectangle(extent)
        near.grow(margin)
        inner = QgsRectangle(
            extent.xMinimum() + margin,
            extent.yMinimum() + margin,
            extent.xMaximum() - margin,
            extent.yMaximum() - margin,
        )
        edge = [p for p in points if near.contains(p) and not inner.contains(p)]
        if not edge:
            return
        wanted = QgsRectangle(extent)
        for point in edge:
            wanted.combineExtentWith(
                QgsRectangle(point.x() - margin, point.y() - margin, point.x() + margin, point.y() + margin)
            )
        if wanted == extent:
            return
        show_extent(main, wanted)


def caption_height_mm(item: QgsLayoutItemLabel, text: str) -> float:
    """The height the label's text takes, word-wrapped to the label's width, in mm."""
    font = label_font(item)
    width = item.rect().width() - 2 * item.marginX()
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if line and QgsLayoutUtils.textWidthMM(font, candidate) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    height = QgsLayoutUtils.textHeightMM(font, "\n".join(lines) or " ")
    # A little more than the glyphs: Qt's line spacing beyond the last line's descent.
    return height + 2 * item.marginY() + QgsLayoutUtils.fontDescentMM(font)


def fit_caption(layout: QgsPrintLayout) -> None:
    """The caption block as tall as its text, its bottom where the template put it; the map takes the rest.

    A caption below the main map (the built-in templates) grows or shrinks
    upwards; the map's bottom, whatever hangs on it (scale bar, a legend
    ending with the map) and everything between map and caption follow, so
    no empty band is left under the caption and a long caption is never cut.
    """
    caption = layout.itemById("kt_caption")
    main = layout.itemById("kt_map")
    if not isinstance(caption, QgsLayoutItemLabel) or not isinstance(main, QgsLayoutItemMap):
        return
    top = caption.pos().y()
    bottom = top + caption.rect().height()
    map_top, map_bottom = main.pos().y(), main.pos().y() + main.rect().height()
    if top < map_bottom - 0.01:
        return  # a caption beside or above the map: the template's author placed it
    original = caption.customProperty("kursk_tracker/caption_top")
    if original is not None:  # refilled: measure from the template's own frame
        top = float(original)
        bottom = float(caption.customProperty("kursk_tracker/caption_bottom"))
    else:
        caption.setCustomProperty("kursk_tracker/caption_top", top)
        caption.setCustomProperty("kursk_tracker/caption_bottom", bottom)
    layout_text = caption.currentText()
    needed = caption_height_mm(caption, layout_text)
    new_top = bottom - needed
    # A runaway caption must not squash the figure: it grows by a quarter of the page at most.
    pages = required(layout.pageCollection(), "page collection")
    page = required(pages.page(0), "first page of the layout")
    new_top = max(new_top, top - page.rect().height() / 4)
    delta = new_top - caption.pos().y()
    if abs(delta) < 0.05:
        return
    middle = map_top + (map_bottom - map_top) / 2
    for item in layout.items():
        if not isinstance(item, QgsLayoutItem) or isinstance(item, QgsLayoutItemPage) or item is caption:
            continue
        if item.parentItem() is not None:
            continue
        y, height = item.pos().y(), item.rect().height()
        if map_bottom - 0.01 <= y < caption.pos().y():
            item.attemptMove(layout_point(item.pos().x(), y + delta))  # between map and caption
        elif abs(y + height - map_bottom) < 1.0 and y < middle:
            item.attemptResize(layout_size(item.rect().width(), height + delta))  # ends with the map
        elif middle < y < map_bottom:
            item.attemptMove(layout_point(item.pos().x(), y + delta))  # hangs on the map's bottom
    caption.attemptMove(layout_point(caption.pos().x(), new_top))
    caption.attemptResize(layout_size(caption.rect().width(), bottom - new_top))


def layout_point(x: float, y: float) -> QgsLayoutPoint:
    return QgsLayoutPoint(x, y, layout_millimetres())


def layout_size(width: float, height: float) -> QgsLayoutSize:
    return QgsLayoutSize(width, height, layout_millimetres())


def show_extent(item: QgsLayoutItemMap, extent: QgsRectangle) -> None:
    """Show all of `extent`, widened to the item's shape.

    Not zoomToExtent: on a map loaded from a template with an empty extent
    it divides by zero.
    """
    frame = item.rect()
    ratio = frame.width() / frame.height() if frame.height() > 0 else 1.0
    width, height = extent.width(), extent.height()
    if width / max(height, 1e-12) < ratio:
        width = height * ratio
    else:
        height = width / ratio
    centre = extent.center()
    item.setExtent(
        QgsRectangle(
            centre.x() - width / 2, centre.y() - height / 2, centre.x() + width / 2, centre.y() + height / 2
        )
    )


def measure_on_ellipsoid(project: QgsProject, crs: QgsCoordinateReferenceSystem) -> None:
    """Scale bars measure with the project's ellipsoid; with none, Web Mercator's metres lie by 1/cos(lat).

    A project without a CRS (headless) has no ellipsoid whatever is set, so it gets the map's CRS.
    """
    if not project.crs().isValid():
        project.setCrs(crs)
    if project.ellipsoid() in ("", "NONE"):
        project.setEllipsoid("EPSG:7030")


def fill_overview(overview: QgsLayoutItemMap, main: QgsLayoutItemMap, scene: SeriesScene) -> None:
    context = layers_with_role(scene, ("live_areas", "context_oblasts", "context_countries"))
    if context:
        overview.setLayers(context)
        overview.setKeepLayerSet(True)
    overview.setCrs(main.crs())
    # Region and border around the figure's extent: a few times larger, at least 400 km across.
    extent = QgsRectangle(main.extent())
    centre = extent.center()
    half = max(extent.width() * 4.0, metres_in(main.crs(), centre, 400_000.0)) / 2
    show_extent(
        overview, QgsRectangle(centre.x() - half, centre.y() - half, centre.x() + half, centre.y() + half)
    )
    frame = required(overview.overview(), "map overview")
    frame.setLinkedMap(main)
    frame.setEnabled(True)
    # An outline, not QGIS's default red fill, which would read as one side's colour.
    frame.setFrameSymbol(
        QgsFillSymbol.createSimple(
            {
                "color": "0,0,0,0",
                "outline_color": "26,26,26,255",
                "outline_width": "0.5",
                "outline_style": "solid",
            }
        )
    )


def metres_in(crs: QgsCoordinateReferenceSystem, centre, metres: float) -> float:
    """About `metres` on the ground as a width in `crs`'s units at `centre`."""
    if crs.isGeographic():
        return metres / 111_320.0
    if crs.authid() == "EPSG:3857":
        wgs84 = QgsCoordinateTransform(crs, QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance())
        latitude = wgs84.transform(centre).y()
        return metres / max(math.cos(math.radians(latitude)), 0.1)
    return metres


def fill_legend(legend: QgsLayoutItemLegend, main: QgsLayoutItemMap, scene: SeriesScene, lang: str) -> None:
    words = WORDS[lang]
    legend.setAutoUpdateModel(False)
    legend.setLinkedMap(main)
    model = required(legend.model(), "legend model")
    root: QgsLayerTree = required(model.rootGroup(), "legend root group")
    root.removeAllChildren()
    visible = {layer.id() for layer in main.layers()}
    since = scene.change_since
    for layer in layers_with_role(scene, LEGEND_ROLES):
        if layer.id() not in visible:
            continue
        node: QgsLayerTreeLayer = required(root.addLayer(layer), "legend node")
        role = layer.customProperty(ROLE_PROPERTY)
        if role == "live_change" and since is not None:
            day = format_day(since.valid_at, scene.series.timezone, lang, with_year=False)
            node.setCustomProperty("legend/title-label", words["change_title"].format(day=day))
            QgsLegendRenderer.setNodeLegendStyle(node, legend_component("Subgroup"))
        else:
            # The entries name themselves ("Russia: Controlled"); a heading over each would be noise.
            key = role.removeprefix("live_")
            node.setCustomProperty("legend/title-label", words.get(key, layer.name()))
            QgsLegendRenderer.setNodeLegendStyle(node, legend_component("Hidden"))
        relabel_entries(legend, node, scene.series, lang)
    # Only what the map shows: no "Other sides", no attack kinds that are not drawn.
    legend.setLegendFilterByMapEnabled(True)
    legend.updateLegend()


def relabel_entries(legend: QgsLayoutItemLegend, node: QgsLayerTreeLayer, series: Series, lang: str) -> None:
    """ "Russia: Controlled" (the interface's language) -> "Russland: kontrolliert" (the figure's)."""
    sides = {name: side for side in series.sides for name in (*side.names.values(), side.code)}
    words = {}
    for english in LEGEND_WORDS["en"]:
        for spelling in (english, tr(english), *(table[english] for table in LEGEND_WORDS.values())):
            words[spelling] = english
    model = required(legend.model(), "legend model")
    for index, entry in enumerate(model.layerOriginalLegendNodes(node)):
        text = str(entry.data(Qt.ItemDataRole.DisplayRole) or "")
        side_name, _colon, word = text.partition(": ")
        side, key = sides.get(side_name), words.get(word)
        if side is not None and key is not None:
            label = f"{side.name(lang)}: {LEGEND_WORDS[lang][key]}"
            QgsMapLayerLegendUtils.setLegendNodeUserLabel(node, index, label)
    model.refreshLayerLegend(node)


def fill_scalebar(scalebar: QgsLayoutItemScaleBar, main: QgsLayoutItemMap) -> None:
    """Link to the map and choose a round segment (1, 2 or 5 × 10ⁿ) about a tenth of the map wide."""
    scalebar.setLinkedMap(main)
    layout = required(main.layout(), "map's layout")
    project = required(layout.project(), "layout's project")
    measure = QgsDistanceArea()
    measure.setSourceCrs(main.crs(), project.transformContext())
    measure.setEllipsoid(project.ellipsoid())
    extent = main.extent()
    # Along the bottom edge, as QGIS's scale bar measures.
    length = measure.measureLine(
        QgsPointXY(extent.xMinimum(), extent.yMinimum()), QgsPointXY(extent.xMaximum(), extent.yMinimum())
    )
    length = measure.convertLengthMeasurement(length, scalebar.units())
    width_mm = main.rect().width()
    if length > 0 and width_mm > 0:
        raw = length / width_mm * min(max(width_mm * 0.1, 10.0), 30.0)
        magnitude = 10 ** math.floor(math.log10(raw))
        nice = min((f * magnitude for f in (1, 2, 5, 10)), key=lambda v: abs(math.log(v / raw)))
        scalebar.setSegmentSizeMode(scale_bar_fixed_segments())
        scalebar.setUnitsPerSegment(nice)
    scalebar.update()
