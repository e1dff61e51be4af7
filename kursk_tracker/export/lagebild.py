"""The Lagebild: a print layout from a template, filled for one instant, to PNG, PDF or SVG.

A template (`.qpt`) places the items; the plugin fills those whose ids it
knows (`ITEM_IDS`) and sets layout variables (`@kt_title`, `@kt_date`,
`@kt_week`, `@kt_caption`, `@kt_credit`, `@kt_series`, `@kt_change`) that any
label of a user's own template can use as `[% @kt_title %]`. A known label
whose text holds an expression (`[% … %]`) keeps it: the template's author
decided. The words of the figure follow the language asked for, not QGIS's
interface language, so a German newsroom on an English QGIS still gets
"Lagebild der Kursk-Offensive am 29. Oktober 22:00 MEZ".
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDistanceArea,
    QgsExpressionContextUtils,
    QgsFillSymbol,
    QgsLayerTree,
    QgsLayerTreeLayer,
    QgsLayoutExporter,
    QgsLayoutItem,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
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
    QgsReadWriteContext,
    QgsRectangle,
    QgsReferencedRectangle,
)
from qgis.PyQt.QtCore import QSize, Qt
from qgis.PyQt.QtXml import QDomDocument

from ..core.errors import KurskTrackerError
from ..core.series import Series, Snapshot
from ..core.text import tr
from ..core.timefmt import format_day, format_instant, language_of, to_zone, week_label
from ..layers.series_layers import ROLE_PROPERTY
from ..toolbelt.compat import (
    always_text_format,
    label_font,
    layout_millimetres,
    legend_component,
    scale_bar_fixed_segments,
)
from ..toolbelt.paths import resource
from .render import DISPLAY_CRS

if TYPE_CHECKING:
    from ..layers.scene import SeriesScene

FORMATS = ("png", "pdf", "svg")

TEMPLATES = {"web": "lagebild_web.qpt", "a4": "lagebild_a4.qpt"}
"""The built-in templates: a landscape web figure (1600 × 1000 px at 150 dpi) and an A4 page."""

ITEM_IDS = {
    "kt_title": "label: the title, 'Lagebild der Kursk-Offensive am 29. Oktober 22:00 MEZ'",
    "kt_week": "label: the week, '12. Woche' / 'week 12'",
    "kt_map": "map: the situation, framed on the series (or the canvas extent)",
    "kt_overview": "map: region and border, with the main map's extent drawn on it",
    "kt_legend": "legend: only the series' layers that matter, filtered by what the map shows",
    "kt_scalebar": "scale bar, linked to kt_map, in km",
    "kt_north": "picture: a north arrow from QGIS's own SVGs, linked to kt_map",
    "kt_caption": "label: 'Lagebild am 29. Oktober 22:00 MEZ: <caption> (<credit>)'",
    "kt_credit": "label: the credit alone; with it the caption leaves the credit out",
}
"""The item ids the plugin fills, with what goes into each."""

NORTH_ARROW_SVG = "arrows/NorthArrow_02.svg"

# The series' layers that belong in the legend, in the legend's order;
# context layers (countries, regions) and the stored areas (hidden behind the
# morphed ones) stay out.
LEGEND_ROLES = ("live_areas", "live_change", "live_front_lines", "front_lines", "movements", "places")

LEGEND_WORDS: dict[str, dict[str, str]] = {
    "en": {"Controlled": "controlled", "Contested": "contested", "Claimed": "claimed", "Pocket": "pocket",
           "Unknown": "unknown", "Attack": "attack", "Counterattack": "counterattack",
           "Relief attack": "relief attack", "Withdrawal": "withdrawal", "gained": "gained", "lost": "lost"},
    "de": {"Controlled": "kontrolliert", "Contested": "umkämpft", "Claimed": "beansprucht",
           "Pocket": "Kessel", "Unknown": "unklar", "Attack": "Angriff", "Counterattack": "Gegenangriff",
           "Relief attack": "Entlastungsangriff", "Withdrawal": "Rückzug", "gained": "gewonnen",
           "lost": "verloren"},
}
"""The words of the house styles' legend entries ("Russia: Controlled") in the export language."""

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Situation map of the {name}, {when}",
        "caption": "Situation on {when}: {text}",
        "caption_bare": "Situation on {when}",
        "between": "Situation on {when}, interpolated between {before} and {after}",
        "change_title": "Change since {day}",
        "areas": "Areas held",
        "front_lines": "Front line",
        "movements": "Movements",
        "places": "Places",
    },
    "de": {
        "title": "Lagebild der {name} am {when}",
        "caption": "Lagebild am {when}: {text}",
        "caption_bare": "Lagebild am {when}",
        "between": "Lagebild am {when}, interpoliert zwischen {before} und {after}",
        "change_title": "Veränderung seit {day}",
        "areas": "Gehaltene Gebiete",
        "front_lines": "Frontlinie",
        "movements": "Bewegungen",
        "places": "Orte",
    },
}
"""The figure's own words per language (the export language, not the interface's)."""


class ExportError(KurskTrackerError):
    """An export failed: names the file and the problem."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


@dataclass(frozen=True)
class LagebildText:
    """The words of one Lagebild; also its layout variables (`@kt_<field>`)."""

    title: str
    date: str
    week: str
    caption: str
    """As the column writes it, ending with the credit in parentheses."""
    caption_text: str
    """The same without the credit, for templates that set the credit apart."""
    credit: str
    series: str
    change: str = ""
    snapshot_title: str = ""
    """The title of the snapshot at the instant (empty between snapshots), in the figure's language."""

    def variables(self) -> dict[str, str]:
        return {"kt_title": self.title, "kt_date": self.date, "kt_week": self.week,
                "kt_caption": self.caption, "kt_credit": self.credit, "kt_series": self.series,
                "kt_change": self.change, "kt_snapshot_title": self.snapshot_title}


def lagebild_text(series: Series, instant: dt.datetime, language: str, change: str = "") -> LagebildText:
    """Title, date, week and caption of the Lagebild at `instant`, in `language` ("de"/"en")."""
    lang = language_of(language)
    words = WORDS[lang]
    when = format_instant(instant, series.timezone, lang, with_year=False)
    name = series.name(lang)
    snapshots = series.sorted_snapshots()
    at = next((s for s in snapshots if s.valid_at == instant), None)
    if at is not None:
        text = at.caption_in(lang).strip()
        caption = (words["caption"].format(when=when, text=text) if text
                   else words["caption_bare"].format(when=when))
    else:
        caption = _between_caption(snapshots, instant, series.timezone, lang, when)
    credit = series.credit_in(lang).strip()
    full = caption
    if credit:
        if credit.startswith("("):
            full = f"{caption} {credit}"
        elif "(" in credit:  # no brackets in brackets: "… (Kursk Tracker, Beispieldaten (illustrativ))"
            full = f"{caption} – {credit}"
        else:
            full = f"{caption} ({credit})"
    return LagebildText(
        title=words["title"].format(name=name, when=when), date=when,
        week=week_label(series.week_of(instant), lang),
        caption=full, caption_text=caption, credit=credit, series=name, change=change,
        snapshot_title=at.title_in(lang).strip() if at is not None else "",
    )


def _between_caption(snapshots: list[Snapshot], instant: dt.datetime, timezone: str, lang: str,
                     when: str) -> str:
    """Between snapshots the map is interpolated: the caption says so, not borrowing a snapshot's words."""
    before = [s for s in snapshots if s.valid_at < instant]
    after = [s for s in snapshots if s.valid_at > instant]
    if not before or not after:
        return WORDS[lang]["caption_bare"].format(when=when)
    return WORDS[lang]["between"].format(
        when=when,
        before=format_day(before[-1].valid_at, timezone, lang, with_year=False),
        after=format_day(after[0].valid_at, timezone, lang, with_year=False))


def file_name(series: Series, instant: dt.datetime, fmt: str) -> str:
    """"lagebild_2024-10-29_2200.png": the instant in the series' local time."""
    local = to_zone(instant, series.timezone)
    return f"lagebild_{local:%Y-%m-%d_%H%M}.{fmt}"


def layout_name(series: Series, instant: dt.datetime) -> str:
    """"Lagebild 2024-10-29 22:00", the layout's name in the project's layout manager."""
    local = to_zone(instant, series.timezone)
    return f"Lagebild {local:%Y-%m-%d %H:%M}"


def template_path(name_or_path: str | os.PathLike[str] | None) -> Path:
    """A built-in template by name ("web", "a4") or a user's .qpt file."""
    if name_or_path is None:
        name_or_path = "web"
    if str(name_or_path) in TEMPLATES:
        return resource("templates", TEMPLATES[str(name_or_path)])
    return Path(name_or_path)


def north_arrow_svg(name: str = NORTH_ARROW_SVG) -> str:
    """The full path of one of QGIS's own SVGs, found in its SVG search paths."""
    for folder in QgsApplication.svgPaths():
        candidate = Path(folder) / name
        if candidate.exists():
            return str(candidate)
    return ""


# Building and filling ----------------------------------------------------------------------------


def build_layout(
    scene: SeriesScene,
    instant: dt.datetime | None = None,
    template: str | os.PathLike[str] | None = None,
    language: str | None = None,
    extent: QgsRectangle | QgsReferencedRectangle | None = None,
) -> QgsPrintLayout:
    """A print layout in the scene's project from `template`, filled for `instant`.

    `instant` None: the instant the scene shows. `extent` None: the series'
    full extent; a QgsReferencedRectangle (the canvas extent) keeps its CRS,
    a plain rectangle is read in EPSG:3857. The layout is not added to the
    project's layout manager (see `add_to_project`).
    """
    path = template_path(template)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ExportError(path, tr("the template cannot be read ({error})").format(error=error)) from error
    document = QDomDocument()
    if not document.setContent(text):
        raise ExportError(path, tr("the template is not a QGIS layout template (.qpt)"))
    layout = QgsPrintLayout(scene.project)
    layout.initializeDefaults()
    _items, ok = layout.loadFromTemplate(document, QgsReadWriteContext())
    if not ok:
        raise ExportError(path, tr("the template is not a QGIS layout template (.qpt)"))
    if not isinstance(layout.itemById("kt_map"), QgsLayoutItemMap) and not _maps(layout):
        raise ExportError(path, tr("the template has no map item (give one the id kt_map)"))
    fill_layout(layout, scene, instant, language or scene.language, extent)
    return layout


def fill_layout(
    layout: QgsPrintLayout,
    scene: SeriesScene,
    instant: dt.datetime | None = None,
    language: str | None = None,
    extent: QgsRectangle | QgsReferencedRectangle | None = None,
) -> LagebildText:
    """Show `instant` in the scene and fill the layout's known items and variables for it."""
    if instant is not None:
        scene.show(instant)
    if scene.instant is None:
        span = scene.span()
        if span is None:
            raise KurskTrackerError(tr("{name}: the series has no snapshots").format(
                name=scene.loaded.store.describe()))
        scene.show(span[1])
    instant = scene.instant
    lang = language_of(language or scene.language)
    words = lagebild_text(scene.series, instant, lang, scene.change_summary())
    # A template that sets the credit apart gets the caption without it.
    has_credit_item = isinstance(layout.itemById("kt_credit"), QgsLayoutItemLabel)
    caption = words.caption_text if has_credit_item else words.caption
    for name, value in {**words.variables(), "kt_caption": caption}.items():
        QgsExpressionContextUtils.setLayoutVariable(layout, name, value)
    layout.setCustomProperty("kursk_tracker/instant", instant.isoformat())
    layout.setCustomProperty("kursk_tracker/language", lang)

    labels = {"kt_title": words.title, "kt_week": words.week, "kt_credit": words.credit,
              "kt_caption": caption}
    for item_id, value in labels.items():
        item = layout.itemById(item_id)
        if isinstance(item, QgsLayoutItemLabel) and "[%" not in item.text():
            item.setText(value)
    _fit_caption(layout)

    main = layout.itemById("kt_map")
    if not isinstance(main, QgsLayoutItemMap):
        main = next(iter(_maps(layout)), None)
    if main is None:
        raise KurskTrackerError(tr("the layout has no map item"))
    _fill_main_map(main, scene, extent)
    overview = layout.itemById("kt_overview")
    if isinstance(overview, QgsLayoutItemMap) and overview is not main:
        _fill_overview(overview, main, scene)
    legend = layout.itemById("kt_legend")
    if isinstance(legend, QgsLayoutItemLegend):
        _fill_legend(legend, main, scene, lang)
    scalebar = layout.itemById("kt_scalebar")
    if isinstance(scalebar, QgsLayoutItemScaleBar):
        _fill_scalebar(scalebar, main)
    north = layout.itemById("kt_north")
    if isinstance(north, QgsLayoutItemPicture):
        if not Path(north.picturePath()).exists():
            north.setPicturePath(north_arrow_svg())
        north.setLinkedMap(main)
    layout.refresh()
    return words


def _maps(layout: QgsPrintLayout) -> list[QgsLayoutItemMap]:
    return [item for item in layout.items() if isinstance(item, QgsLayoutItemMap)]


def _layers_with_role(scene: SeriesScene, roles: tuple[str, ...]) -> list[QgsMapLayer]:
    found = {}
    for layer in scene.project.mapLayers().values():
        role = layer.customProperty(ROLE_PROPERTY)
        if role in roles:
            found[role] = layer
    return [found[role] for role in roles if role in found]


def _fill_main_map(main: QgsLayoutItemMap, scene: SeriesScene,
                   extent: QgsRectangle | QgsReferencedRectangle | None) -> None:
    if isinstance(extent, QgsReferencedRectangle) and extent.crs().isValid():
        crs = extent.crs()
    else:
        crs = QgsCoordinateReferenceSystem(DISPLAY_CRS)
    main.setCrs(crs)
    # A fixed layer set: the figure shows what the scene shows now, not whatever the project toggles later.
    main.setLayers(scene.visible_layers())
    main.setKeepLayerSet(True)
    wanted = QgsRectangle(extent) if extent is not None and not extent.isEmpty() else None
    _show_extent(main, wanted or scene.loaded.full_extent(crs, margin=0.1))
    _keep_places_whole(main, scene)
    _measure_on_ellipsoid(scene.project, crs)


PLACE_MARGIN_MM = 4.0
"""Room kept between a place's symbol and the map frame (the symbol's radius and a little air)."""


def _keep_places_whole(main: QgsLayoutItemMap, scene: SeriesScene) -> None:
    """No place symbol cut by the frame: a place near the frame widens the extent to hold it whole.

    A place farther outside stays outside (not drawn); one inside, or closer to
    the frame than its symbol is wide, is framed with `PLACE_MARGIN_MM` to spare.
    Widening can bring the next place near the frame, so this repeats a few times.
    """
    layers = _layers_with_role(scene, ("places",))
    if not layers:
        return
    layer = layers[0]
    to_map = QgsCoordinateTransform(layer.crs(), main.crs(), scene.project)
    points = []
    for feature in layer.getFeatures():
        geometry = feature.geometry()
        if geometry is None or geometry.isEmpty():
            continue
        with suppress(Exception):  # a point the map's CRS cannot hold
            points.append(to_map.transform(geometry.asPoint() if not geometry.isMultipart()
                                           else geometry.asMultiPoint()[0]))
    for _round in range(4):
        extent = QgsRectangle(main.extent())
        width_mm = main.rect().width()
        if width_mm <= 0 or extent.width() <= 0:
            return
        margin = PLACE_MARGIN_MM * extent.width() / width_mm
        near = QgsRectangle(extent)
        near.grow(margin)
        inner = QgsRectangle(extent.xMinimum() + margin, extent.yMinimum() + margin,
                             extent.xMaximum() - margin, extent.yMaximum() - margin)
        edge = [p for p in points if near.contains(p) and not inner.contains(p)]
        if not edge:
            return
        wanted = QgsRectangle(extent)
        for point in edge:
            wanted.combineExtentWith(QgsRectangle(point.x() - margin, point.y() - margin,
                                                  point.x() + margin, point.y() + margin))
        if wanted == extent:
            return
        _show_extent(main, wanted)


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


def _fit_caption(layout: QgsPrintLayout) -> None:
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
    new_top = max(new_top, top - layout.pageCollection().page(0).rect().height() / 4)
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
            item.attemptMove(_point(item.pos().x(), y + delta))  # between map and caption
        elif abs(y + height - map_bottom) < 1.0 and y < middle:
            item.attemptResize(_size(item.rect().width(), height + delta))  # ends with the map
        elif middle < y < map_bottom:
            item.attemptMove(_point(item.pos().x(), y + delta))  # hangs on the map's bottom
    caption.attemptMove(_point(caption.pos().x(), new_top))
    caption.attemptResize(_size(caption.rect().width(), bottom - new_top))


def _point(x: float, y: float) -> QgsLayoutPoint:
    return QgsLayoutPoint(x, y, layout_millimetres())


def _size(width: float, height: float) -> QgsLayoutSize:
    return QgsLayoutSize(width, height, layout_millimetres())


def _show_extent(item: QgsLayoutItemMap, extent: QgsRectangle) -> None:
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
    item.setExtent(QgsRectangle(centre.x() - width / 2, centre.y() - height / 2,
                                centre.x() + width / 2, centre.y() + height / 2))


def _measure_on_ellipsoid(project: QgsProject, crs: QgsCoordinateReferenceSystem) -> None:
    """Scale bars measure with the project's ellipsoid; with none, Web Mercator's metres lie by 1/cos(lat).

    A project without a CRS (headless) has no ellipsoid whatever is set, so it gets the map's CRS.
    """
    if not project.crs().isValid():
        project.setCrs(crs)
    if project.ellipsoid() in ("", "NONE"):
        project.setEllipsoid("EPSG:7030")


def _fill_overview(overview: QgsLayoutItemMap, main: QgsLayoutItemMap, scene: SeriesScene) -> None:
    context = _layers_with_role(scene, ("live_areas", "context_oblasts", "context_countries"))
    if context:
        overview.setLayers(context)
        overview.setKeepLayerSet(True)
    overview.setCrs(main.crs())
    # Region and border around the figure's extent: a few times larger, at least 400 km across.
    extent = QgsRectangle(main.extent())
    centre = extent.center()
    half = max(extent.width() * 4.0, _metres_in(main.crs(), centre, 400_000.0)) / 2
    _show_extent(overview, QgsRectangle(centre.x() - half, centre.y() - half,
                                        centre.x() + half, centre.y() + half))
    frame = overview.overview()
    frame.setLinkedMap(main)
    frame.setEnabled(True)
    # An outline, not QGIS's default red fill, which would read as one side's colour.
    frame.setFrameSymbol(QgsFillSymbol.createSimple({
        "color": "0,0,0,0", "outline_color": "26,26,26,255", "outline_width": "0.5",
        "outline_style": "solid"}))


def _metres_in(crs: QgsCoordinateReferenceSystem, centre, metres: float) -> float:
    """About `metres` on the ground as a width in `crs`'s units at `centre`."""
    if crs.isGeographic():
        return metres / 111_320.0
    if crs.authid() == "EPSG:3857":
        wgs84 = QgsCoordinateTransform(crs, QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance())
        latitude = wgs84.transform(centre).y()
        return metres / max(math.cos(math.radians(latitude)), 0.1)
    return metres


def _fill_legend(legend: QgsLayoutItemLegend, main: QgsLayoutItemMap, scene: SeriesScene, lang: str) -> None:
    words = WORDS[lang]
    legend.setAutoUpdateModel(False)
    legend.setLinkedMap(main)
    root: QgsLayerTree = legend.model().rootGroup()
    root.removeAllChildren()
    visible = {layer.id() for layer in main.layers()}
    since = scene.change_since
    for layer in _layers_with_role(scene, LEGEND_ROLES):
        if layer.id() not in visible:
            continue
        node: QgsLayerTreeLayer = root.addLayer(layer)
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
        _relabel_entries(legend, node, scene.series, lang)
    # Only what the map shows: no "Other sides", no attack kinds that are not drawn.
    legend.setLegendFilterByMapEnabled(True)
    legend.updateLegend()


def _relabel_entries(legend: QgsLayoutItemLegend, node: QgsLayerTreeLayer, series: Series, lang: str) -> None:
    """"Russia: Controlled" (the interface's language) -> "Russland: kontrolliert" (the figure's)."""
    sides = {name: side for side in series.sides for name in (*side.names.values(), side.code)}
    words = {}
    for key in LEGEND_WORDS["en"]:
        for spelling in (key, tr(key), *(table[key] for table in LEGEND_WORDS.values())):
            words[spelling] = key
    model = legend.model()
    for index, entry in enumerate(model.layerOriginalLegendNodes(node)):
        text = str(entry.data(Qt.ItemDataRole.DisplayRole) or "")
        side_name, _colon, word = text.partition(": ")
        side, key = sides.get(side_name), words.get(word)
        if side is not None and key is not None:
            label = f"{side.name(lang)}: {LEGEND_WORDS[lang][key]}"
            QgsMapLayerLegendUtils.setLegendNodeUserLabel(node, index, label)
    model.refreshLayerLegend(node)


def _fill_scalebar(scalebar: QgsLayoutItemScaleBar, main: QgsLayoutItemMap) -> None:
    """Link to the map and choose a round segment (1, 2 or 5 × 10ⁿ) about a tenth of the map wide."""
    scalebar.setLinkedMap(main)
    project = main.layout().project()
    measure = QgsDistanceArea()
    measure.setSourceCrs(main.crs(), project.transformContext())
    measure.setEllipsoid(project.ellipsoid())
    extent = main.extent()
    # Along the bottom edge, as QGIS's scale bar measures.
    length = measure.measureLine(QgsPointXY(extent.xMinimum(), extent.yMinimum()),
                                 QgsPointXY(extent.xMaximum(), extent.yMinimum()))
    length = measure.convertLengthMeasurement(length, scalebar.units())
    width_mm = main.rect().width()
    if length > 0 and width_mm > 0:
        raw = length / width_mm * min(max(width_mm * 0.1, 10.0), 30.0)
        magnitude = 10 ** math.floor(math.log10(raw))
        nice = min((f * magnitude for f in (1, 2, 5, 10)), key=lambda v: abs(math.log(v / raw)))
        scalebar.setSegmentSizeMode(scale_bar_fixed_segments())
        scalebar.setUnitsPerSegment(nice)
    scalebar.update()


@contextmanager
def labels_in(scene: SeriesScene, language: str) -> Iterator[None]:
    """Place names in `language` for the time of an export, then back to the scene's language."""
    lang = language_of(language)
    layers = list(scene.loaded.layers.values())
    if scene.live is not None:
        live = (getattr(scene.live, name, None) for name in ("areas", "fronts", "change"))
        layers += [layer for layer in live if layer is not None]
    before = {layer.id(): QgsExpressionContextUtils.layerScope(layer).variable("kt_language")
              for layer in layers}
    scene_language = scene.language
    try:
        # The scene's own words (the change summary) in the figure's language too.
        scene.language = lang
        for layer in layers:
            QgsExpressionContextUtils.setLayerVariable(layer, "kt_language", lang)
        yield
    finally:
        scene.language = scene_language
        for layer in layers:
            with suppress(RuntimeError):  # a layer removed meanwhile
                QgsExpressionContextUtils.setLayerVariable(layer, "kt_language",
                                                           before.get(layer.id()) or scene.language)


# Exporting -------------------------------------------------------------------------------------


def export_layout(
    layout: QgsPrintLayout,
    path: str | os.PathLike[str],
    fmt: str | None = None,
    width_px: int | None = 1600,
    dpi: float = 150.0,
) -> Path:
    """Export the layout's first page to PNG, PDF (vector, selectable text) or SVG; atomic write.

    PNG: `width_px` pixels wide (the height follows the page), `dpi` written
    into the file (without a width: the page at `dpi`). PDF and SVG keep the
    page's size in mm; `dpi` is for anything that must be rasterised.
    """
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise ExportError(path, tr("unknown format {fmt}: use png, pdf or svg").format(fmt=fmt))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(path, tr("the folder cannot be created ({error})").format(
            error=error.strerror or error)) from error
    # The temporary file keeps the suffix: QGIS picks the image format from it.
    tmp = path.with_name(f".{path.stem}.part.{fmt}")
    exporter = QgsLayoutExporter(layout)
    layout.refresh()
    legend = next((i for i in layout.items() if isinstance(i, QgsLayoutItemLegend)), None)
    if legend is not None and legend.legendFilterByMapEnabled():
        legend.updateFilterByMap(False)
    try:
        result = _export(exporter, layout, tmp, fmt, width_px, dpi)
        if result != QgsLayoutExporter.ExportResult.Success or not tmp.exists():
            message = exporter.errorMessage() or _result_words(result)
            raise ExportError(path, tr("the {fmt} could not be written ({problem})").format(
                fmt=fmt.upper(), problem=message))
        os.replace(tmp, path)
    except OSError as error:
        raise ExportError(path, tr("the {fmt} could not be written ({problem})").format(
            fmt=fmt.upper(), problem=error.strerror or error)) from error
    finally:
        with suppress(OSError):
            tmp.unlink()
    return path


def _export(exporter: QgsLayoutExporter, layout: QgsPrintLayout, tmp: Path, fmt: str,
            width_px: int | None, dpi: float):
    always_text = always_text_format()
    if fmt == "png":
        settings = QgsLayoutExporter.ImageExportSettings()
        settings.dpi = float(dpi)
        settings.generateWorldFile = False
        if width_px:
            page = layout.pageCollection().page(0).pageSize()
            size = layout.renderContext().measurementConverter().convert(page, layout_millimetres())
            height = max(1, round(width_px * size.height() / size.width()))
            settings.imageSize = QSize(int(width_px), height)
        settings.pages = [0]
        return exporter.exportToImage(str(tmp), settings)
    if fmt == "pdf":
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.dpi = float(dpi)
        settings.rasterizeWholeImage = False
        settings.forceVectorOutput = True
        settings.textRenderFormat = always_text
        settings.exportMetadata = True
        return exporter.exportToPdf(str(tmp), settings)
    settings = QgsLayoutExporter.SvgExportSettings()
    settings.dpi = float(dpi)
    settings.forceVectorOutput = True
    settings.textRenderFormat = always_text
    settings.exportAsLayers = False
    return exporter.exportToSvg(str(tmp), settings)


def _result_words(result) -> str:
    names = {QgsLayoutExporter.ExportResult.FileError: tr("the file cannot be written"),
             QgsLayoutExporter.ExportResult.MemoryError: tr("not enough memory"),
             QgsLayoutExporter.ExportResult.PrintError: tr("the page could not be drawn"),
             QgsLayoutExporter.ExportResult.SvgLayerError: tr("a layer could not be drawn"),
             QgsLayoutExporter.ExportResult.Canceled: tr("cancelled")}
    return names.get(result, tr("export failed"))


def export_lagebild(
    scene: SeriesScene,
    instant: dt.datetime | None,
    path: str | os.PathLike[str],
    fmt: str | None = None,
    template: str | os.PathLike[str] | None = None,
    language: str | None = None,
    width_px: int | None = 1600,
    dpi: float = 150.0,
    extent: QgsRectangle | QgsReferencedRectangle | None = None,
) -> Path:
    """One Lagebild to one file: build, fill, export."""
    lang = language_of(language or scene.language)
    with labels_in(scene, lang):
        layout = build_layout(scene, instant, template, lang, extent)
        return export_layout(layout, path, fmt, width_px, dpi)


def export_batch(
    scene: SeriesScene,
    folder: str | os.PathLike[str],
    fmt: str = "png",
    template: str | os.PathLike[str] | None = None,
    language: str | None = None,
    width_px: int | None = 1600,
    dpi: float = 150.0,
    extent: QgsRectangle | QgsReferencedRectangle | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[Path]:
    """A Lagebild of every snapshot in `folder`, named from the dates; returns the files written.

    The layout is built once and refilled for each snapshot. On cancel the
    files written so far stay (each complete) and the list says which.
    """
    folder = Path(folder)
    snapshots = scene.snapshots()
    if not snapshots:
        raise KurskTrackerError(tr("{name}: the series has no snapshots").format(
            name=scene.loaded.store.describe()))
    lang = language_of(language or scene.language)
    shown = scene.instant
    written: list[Path] = []
    try:
        with labels_in(scene, lang):
            layout = build_layout(scene, snapshots[0].valid_at, template, lang, extent)
            for index, snapshot in enumerate(snapshots):
                if cancelled is not None and cancelled():
                    break
                if index:
                    fill_layout(layout, scene, snapshot.valid_at, lang, extent)
                target = folder / file_name(scene.series, snapshot.valid_at, fmt)
                written.append(export_layout(layout, target, fmt, width_px, dpi))
                if progress is not None:
                    progress(index + 1, len(snapshots))
    finally:
        if shown is not None:
            scene.show(shown)
    return written


def set_export_dpi(layout: QgsPrintLayout, dpi: float) -> None:
    """The resolution QGIS's layout designer offers for export (its Layout panel, PNG and PDF dialogs)."""
    layout.renderContext().setDpi(float(dpi))
    # Kept with the layout in the project, for the designer opened after a reload.
    layout.setCustomProperty("exportResolution", float(dpi))


def add_to_project(layout: QgsPrintLayout, scene: SeriesScene, dpi: float | None = None) -> str:
    """Add the layout to the project's layout manager under a unique name; returns the name.

    `dpi`: the export resolution the designer opens with (the panel's); None keeps the layout's.
    """
    if dpi is not None:
        set_export_dpi(layout, dpi)
    manager = scene.project.layoutManager()
    base = layout_name(scene.series, scene.instant) if scene.instant else "Lagebild"
    name, number = base, 2
    while manager.layoutByName(name) is not None:
        name, number = f"{base} ({number})", number + 1
    layout.setName(name)
    manager.addLayout(layout)
    return name
