"""Writing the interactive web page of a series: the data, the page's files, atomically.

`export_web_page` reads the series, precomputes the page's data
(`web_data`), adds the context layers from QGIS's own world map and writes
either a folder (index.html, data.js, the page's scripts (js/) and style,
Leaflet with its licence) or one self-contained HTML file. Nothing is written
at the target until everything is complete: a new folder appears whole, a file
is replaced in one rename, and an existing folder gets each file replaced
whole, index.html last.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.errors import KurskTrackerError
from ..core.text import tr
from ..toolbelt.paths import resource
from .web_data import ContextArea, ContextStyle, WebExportError, WebOptions, build_web_data

PAGE_SCRIPTS = (
    "js/base.js",
    "js/text.js",
    "js/geometry.js",
    "js/frame.js",
    "js/defs.js",
    "js/arrows.js",
    "js/map.js",
    "js/labels.js",
    "js/panel.js",
    "js/timeline.js",
    "js/api.js",
)
"""The page's scripts (under resources/web), in the order they run: plain scripts sharing one
internal object (window.KurskTrackerPage), each using only what the ones before it define."""
PAGE_STYLE = "kursk_tracker.css"
PAGE_FILES = (*PAGE_SCRIPTS, PAGE_STYLE)
LEAFLET_FILES = ("leaflet.js", "leaflet.css", "LICENSE")
MANIFEST = ".kursk-tracker-page"
"""In a page's folder: the files the export wrote, so the next export can remove those it no longer has."""
CONTEXT_SIMPLIFY_DEG = 0.002
"""Context outlines are simplified by this much (about 150–200 m): they are backdrop, drawn thin."""


class WebPageCancelledError(KurskTrackerError):
    """The export was cancelled; nothing was written at the target."""


@dataclass(frozen=True)
class WebPageResult:
    path: Path
    """index.html (in the folder) or the single file."""
    bytes: int
    """Size of everything written."""
    snapshots: int


def web_dir() -> Path:
    return resource("web")


def leaflet_dir() -> Path:
    return web_dir() / "vendor" / "leaflet"


def check_assets() -> None:
    """The page's files are where the plugin carries them (Leaflet is fetched at build time)."""
    missing = [
        str(web_dir() / name) for name in ("page.html", *PAGE_FILES) if not (web_dir() / name).is_file()
    ]
    missing += [str(leaflet_dir() / name) for name in LEAFLET_FILES if not (leaflet_dir() / name).is_file()]
    if missing:
        raise WebExportError(
            tr("The web page's files are missing from the plugin: {files}. Reinstall the plugin.").format(
                files=", ".join(missing)
            )
        )


def target_of(output: Path, single_file: bool) -> Path:
    """The file the page opens from: OUTPUT/index.html, or OUTPUT itself for one .html file."""
    if single_file and output.suffix.lower() in (".html", ".htm"):
        return output
    return output / "index.html"


def data_script(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # "</" would end an inline <script> early.
    return "window.KurskTrackerData = " + text.replace("</", "<\\/") + ";\n"


def page_html(data: dict[str, Any], single_file: bool, data_text: str) -> str:
    """index.html from the template: links to the files beside it, or everything inline."""
    template = (web_dir() / "page.html").read_text(encoding="utf-8")
    if single_file:
        licence = (leaflet_dir() / "LICENSE").read_text(encoding="utf-8").replace("--", "- -")
        styles = f"<!-- Leaflet, the map library of this page:\n{licence}\n-->\n" + "\n".join(
            f"<style>\n{path.read_text(encoding='utf-8')}\n</style>"
            for path in (leaflet_dir() / "leaflet.css", web_dir() / PAGE_STYLE)
        )
        scripts = "\n".join(
            "<script>\n" + text.replace("</script", "<\\/script") + "\n</script>"
            for text in (
                (leaflet_dir() / "leaflet.js").read_text(encoding="utf-8"),
                data_text,
                *((web_dir() / name).read_text(encoding="utf-8") for name in PAGE_SCRIPTS),
            )
        )
    else:
        styles = (
            '<link rel="stylesheet" href="vendor/leaflet/leaflet.css">\n'
            f'<link rel="stylesheet" href="{PAGE_STYLE}">'
        )
        sources = ("vendor/leaflet/leaflet.js", "data.js", *PAGE_SCRIPTS)
        scripts = "\n".join(f'<script src="{name}"></script>' for name in sources)
    return (
        template.replace("{{lang}}", html.escape(str(data["language"])))
        .replace("{{title}}", html.escape(str(data["title"])))
        .replace("<!-- KT:STYLES -->", styles)
        .replace("<!-- KT:SCRIPTS -->", scripts)
    )


def _writable_parent(target: Path) -> Path:
    """The existing folder the page goes into (or next to), checked writable before any work."""
    parent = target.parent
    probe = parent
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if not probe.is_dir() or not os.access(probe, os.W_OK | os.X_OK):
        raise WebExportError(tr("{path}: the folder cannot be written to.").format(path=probe))
    return probe


def write_page(data: dict[str, Any], output: Path, single_file: bool) -> WebPageResult:
    """Write the page for `data` at `output` (a folder, or one .html file), whole or not at all."""
    check_assets()
    target = target_of(output, single_file)
    _writable_parent(target)
    data_text = data_script(data)
    page = page_html(data, single_file, data_text)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if single_file:
            size = _replace_file(target, page.encode("utf-8"))
        else:
            size = _write_folder(target.parent, page, data_text)
    except OSError as error:
        raise WebExportError(
            tr("{path}: the page could not be written ({problem}).").format(
                path=output, problem=error.strerror or error
            )
        ) from error
    return WebPageResult(target, size, len(data["snapshots"]))


def _replace_file(target: Path, content: bytes) -> int:
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return len(content)


def _write_folder(folder: Path, page: str, data_text: str) -> int:
    staging = Path(tempfile.mkdtemp(prefix=".kursk-tracker-page.", dir=folder))
    try:
        (staging / "vendor" / "leaflet").mkdir(parents=True)
        (staging / "data.js").write_text(data_text, encoding="utf-8")
        for name in PAGE_FILES:
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(web_dir() / name, staging / name)
        for name in LEAFLET_FILES:
            shutil.copyfile(leaflet_dir() / name, staging / "vendor" / "leaflet" / name)
        (staging / "index.html").write_text(page, encoding="utf-8")
        files = [p.relative_to(staging) for p in sorted(staging.rglob("*")) if p.is_file()]
        size = sum((staging / f).stat().st_size for f in files)
        before = _listed(folder)
        (staging / MANIFEST).write_text("".join(f"{f.as_posix()}\n" for f in files), encoding="utf-8")
        # Each file is replaced whole; index.html last, so the page never opens on a missing script.
        for relative in [*sorted(files, key=lambda f: f.name == "index.html"), Path(MANIFEST)]:
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / relative, folder / relative)
        # Files an earlier export wrote that this page no longer has (a script since renamed):
        # only those the earlier export listed, never anything else in the folder.
        for stale in before - {f.as_posix() for f in files}:
            (folder / stale).unlink(missing_ok=True)
        return size
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _listed(folder: Path) -> set[str]:
    """The files the page exported into `folder` before wrote (its manifest; none before it had one)."""
    try:
        lines = (folder / MANIFEST).read_text(encoding="utf-8").splitlines()
    except OSError:
        return set()
    # Only plain relative names inside the folder are taken from the file.
    return {line for line in lines if line and not line.startswith(("/", "..")) and "/../" not in line}


def context_areas(bounds: Sequence[float]) -> tuple[list[ContextArea], dict[str, ContextStyle]]:
    """Countries and oblasts from QGIS's world map around `bounds`, clipped and simplified,
    with the fill and outline colours of the house style's context layers."""
    import shapely
    from qgis.core import QgsFeatureRequest, QgsRectangle, QgsVectorLayer

    from ..layers.series_layers import CONTEXT_LAYERS, apply_style, world_map_path

    source = world_map_path()
    west, south, east, north = bounds
    # Far beyond the first view, so a reader who zooms out meets the clip late.
    dx, dy = (east - west) * 3.0, (north - south) * 3.0
    clip = (west - dx, south - dy, east + dx, north + dy)
    areas: list[ContextArea] = []
    styles: dict[str, ContextStyle] = {}
    if not source.exists():
        return areas, styles
    for layer_name, style in CONTEXT_LAYERS:
        kind = "countries" if layer_name == "countries" else "oblasts"
        layer = QgsVectorLayer(f"{source}|layername={layer_name}", layer_name, "ogr")
        if not layer.isValid():
            continue
        if apply_style(layer, style):
            styles[kind] = _context_style(layer)
        name_field = "NAME" if layer.fields().indexOf("NAME") >= 0 else "name"
        request = QgsFeatureRequest().setFilterRect(QgsRectangle(*clip))
        for feature in layer.getFeatures(request):
            geometry = shapely.from_wkb(bytes(feature.geometry().asWkb()))
            clipped = shapely.clip_by_rect(geometry, *clip)
            simple = shapely.simplify(clipped, CONTEXT_SIMPLIFY_DEG, preserve_topology=True)
            # The outline is the border itself, not the clipped polygon's edge along the clip.
            outline = shapely.simplify(shapely.clip_by_rect(geometry.boundary, *clip), CONTEXT_SIMPLIFY_DEG)
            if not simple.is_empty:
                areas.append(ContextArea(kind, str(feature[name_field] or ""), simple, outline))
    return areas, styles


def _context_style(layer: Any) -> ContextStyle:
    """The fill and outline of the house style's context layer: a simple fill (countries) or an
    outline drawn as a line around the area (oblasts: no fill)."""
    renderer = layer.renderer()
    symbol = renderer.symbol() if renderer is not None and hasattr(renderer, "symbol") else None
    if symbol is None or symbol.symbolLayerCount() == 0:
        return ContextStyle()
    first = symbol.symbolLayer(0)
    if first.layerType() == "SimpleLine":
        return ContextStyle(fill="", stroke=first.color().name(), stroke_width=_px(first.width()))
    if first.layerType() == "SimpleFill":
        return ContextStyle(
            fill=first.color().name(),
            stroke=first.strokeColor().name(),
            stroke_width=_px(first.strokeWidth()),
        )
    return ContextStyle()


def _px(millimetres: float) -> float:
    return round(max(float(millimetres), 0.1) * 96 / 25.4, 2)


def export_web_page(
    location: Any,
    output: Path,
    options: WebOptions,
    single_file: bool = False,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> WebPageResult:
    """The whole export: read the series at `location`, precompute, write; progress in 0–100."""
    from ..store.backend import open_store

    check_assets()
    _writable_parent(target_of(output, single_file))
    series, records = open_store(location).read_content()

    def report(share: float) -> None:
        if progress is not None:
            progress(5.0 + 90.0 * share)

    report(0.0)
    data = build_web_data(series, records, options, context_areas, report, cancelled)
    if data is None or (cancelled is not None and cancelled()):
        raise WebPageCancelledError(tr("The web page export was cancelled; nothing was written."))
    result = write_page(data, output, single_file)
    if progress is not None:
        progress(100.0)
    return result
