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
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from qgis.core import (
    QgsApplication,
    QgsExpressionContextUtils,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsPrintLayout,
    QgsReadWriteContext,
    QgsRectangle,
    QgsReferencedRectangle,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtXml import QDomDocument

from ..core.errors import KurskTrackerError
from ..core.series import Series
from ..core.text import tr
from ..core.timefmt import language_of, to_zone
from ..toolbelt.compat import (
    always_text_format,
    layout_millimetres,
    required,
)
from ..toolbelt.paths import resource
from .layout_items import (
    fill_legend,
    fill_main_map,
    fill_overview,
    fill_scalebar,
    fit_caption,
)
from .wording import LagebildText, lagebild_text

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


class ExportError(KurskTrackerError):
    """An export failed: names the file and the problem."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


def file_name(series: Series, instant: dt.datetime, fmt: str) -> str:
    """ "lagebild_2024-10-29_2200.png": the instant in the series' local time."""
    local = to_zone(instant, series.timezone)
    return f"lagebild_{local:%Y-%m-%d_%H%M}.{fmt}"


def layout_name(series: Series, instant: dt.datetime) -> str:
    """ "Lagebild 2024-10-29 22:00", the layout's name in the project's layout manager."""
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
    instant = scene.instant
    if instant is None:
        span = scene.span()
        if span is None:
            raise KurskTrackerError(
                tr("{name}: the series has no snapshots").format(name=scene.loaded.store.describe())
            )
        instant = span[1]
        scene.show(instant)
    lang = language_of(language or scene.language)
    words = lagebild_text(scene.series, instant, lang, scene.change_summary())
    # A template that sets the credit apart gets the caption without it.
    has_credit_item = isinstance(layout.itemById("kt_credit"), QgsLayoutItemLabel)
    caption = words.caption_text if has_credit_item else words.caption
    for name, value in {**words.variables(), "kt_caption": caption}.items():
        QgsExpressionContextUtils.setLayoutVariable(layout, name, value)
    layout.setCustomProperty("kursk_tracker/instant", instant.isoformat())
    layout.setCustomProperty("kursk_tracker/language", lang)

    labels = {
        "kt_title": words.title,
        "kt_week": words.week,
        "kt_credit": words.credit,
        "kt_caption": caption,
    }
    for item_id, value in labels.items():
        item = layout.itemById(item_id)
        if isinstance(item, QgsLayoutItemLabel) and "[%" not in item.text():
            item.setText(value)
    fit_caption(layout)

    main = layout.itemById("kt_map")
    if not isinstance(main, QgsLayoutItemMap):
        main = next(iter(_maps(layout)), None)
    if main is None:
        raise KurskTrackerError(tr("the layout has no map item"))
    fill_main_map(main, scene, extent)
    overview = layout.itemById("kt_overview")
    if isinstance(overview, QgsLayoutItemMap) and overview is not main:
        fill_overview(overview, main, scene)
    legend = layout.itemById("kt_legend")
    if isinstance(legend, QgsLayoutItemLegend):
        fill_legend(legend, main, scene, lang)
    scalebar = layout.itemById("kt_scalebar")
    if isinstance(scalebar, QgsLayoutItemScaleBar):
        fill_scalebar(scalebar, main)
    north = layout.itemById("kt_north")
    if isinstance(north, QgsLayoutItemPicture):
        if not Path(north.picturePath()).exists():
            north.setPicturePath(north_arrow_svg())
        north.setLinkedMap(main)
    layout.refresh()
    return words


def _maps(layout: QgsPrintLayout) -> list[QgsLayoutItemMap]:
    return [item for item in layout.items() if isinstance(item, QgsLayoutItemMap)]


@contextmanager
def labels_in(scene: SeriesScene, language: str) -> Iterator[None]:
    """Place names in `language` for the time of an export, then back to the scene's language."""
    lang = language_of(language)
    layers = list(scene.loaded.layers.values())
    if scene.live is not None:
        live = (getattr(scene.live, name, None) for name in ("areas", "fronts", "change"))
        layers += [layer for layer in live if layer is not None]
    before = {
        layer.id(): required(QgsExpressionContextUtils.layerScope(layer), "layer scope").variable(
            "kt_language"
        )
        for layer in layers
    }
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
                QgsExpressionContextUtils.setLayerVariable(
                    layer, "kt_language", before.get(layer.id()) or scene.language
                )


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
        raise ExportError(
            path, tr("the folder cannot be created ({error})").format(error=error.strerror or error)
        ) from error
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
            raise ExportError(
                path,
                tr("the {fmt} could not be written ({problem})").format(fmt=fmt.upper(), problem=message),
            )
        os.replace(tmp, path)
    except OSError as error:
        raise ExportError(
            path,
            tr("the {fmt} could not be written ({problem})").format(
                fmt=fmt.upper(), problem=error.strerror or error
            ),
        ) from error
    finally:
        with suppress(OSError):
            tmp.unlink()
    return path


def _export(
    exporter: QgsLayoutExporter, layout: QgsPrintLayout, tmp: Path, fmt: str, width_px: int | None, dpi: float
):
    always_text = always_text_format()
    if fmt == "png":
        settings = QgsLayoutExporter.ImageExportSettings()
        settings.dpi = float(dpi)
        settings.generateWorldFile = False
        if width_px:
            pages = required(layout.pageCollection(), "page collection")
            page = required(pages.page(0), "first page of the layout").pageSize()
            size = layout.renderContext().measurementConverter().convert(page, layout_millimetres())
            height = max(1, round(width_px * size.height() / size.width()))
            settings.imageSize = QSize(int(width_px), height)
        settings.pages = [0]
        return exporter.exportToImage(str(tmp), settings)
    if fmt == "pdf":
        pdf = QgsLayoutExporter.PdfExportSettings()
        pdf.dpi = float(dpi)
        pdf.rasterizeWholeImage = False
        pdf.forceVectorOutput = True
        pdf.textRenderFormat = always_text
        pdf.exportMetadata = True
        return exporter.exportToPdf(str(tmp), pdf)
    svg = QgsLayoutExporter.SvgExportSettings()
    svg.dpi = float(dpi)
    svg.forceVectorOutput = True
    svg.textRenderFormat = always_text
    svg.exportAsLayers = False
    return exporter.exportToSvg(str(tmp), svg)


def _result_words(result) -> str:
    names = {
        QgsLayoutExporter.ExportResult.FileError: tr("the file cannot be written"),
        QgsLayoutExporter.ExportResult.MemoryError: tr("not enough memory"),
        QgsLayoutExporter.ExportResult.PrintError: tr("the page could not be drawn"),
        QgsLayoutExporter.ExportResult.SvgLayerError: tr("a layer could not be drawn"),
        QgsLayoutExporter.ExportResult.Canceled: tr("cancelled"),
    }
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
    The same steps as the Export panel's batch (export/lagebild_batch.py),
    run here in one go.
    """
    from .lagebild_batch import LagebildBatch  # it builds on this module

    batch = LagebildBatch(scene, folder, fmt, template, language, width_px, dpi, extent)
    try:
        batch.prepare()
        while not (cancelled is not None and cancelled()):
            if not batch.step():
                return batch.finish()
            if progress is not None:
                progress(len(batch.written), batch.total)
    except BaseException:
        batch.abort()
        raise
    return batch.abort()


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
    manager = required(scene.project.layoutManager(), "layout manager")
    base = layout_name(scene.series, scene.instant) if scene.instant else "Lagebild"
    name, number = base, 2
    while manager.layoutByName(name) is not None:
        name, number = f"{base} ({number})", number + 1
    layout.setName(name)
    manager.addLayout(layout)
    return name
