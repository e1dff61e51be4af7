"""Choosing the importer for a source, by the user's word or by sniffing the files."""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.import_result import ImportResult
from ..core.text import tr
from .base import Feedback, Importer, ImportOptions

if TYPE_CHECKING:
    from ..core.series import Series
    from ..store.backend import SeriesStore
    from ..store.operations import MergeSummary

FORMATS = ("auto", "folder", "mymaps", "deepstate", "isw", "gpkg")
# Sniffing order: the most specific formats first; "folder" reads anything left.
_DETECTION_ORDER = ("gpkg", "mymaps", "deepstate", "isw")
SUPPORTED_SUFFIXES = {".geojson", ".json", ".kml", ".kmz", ".gpkg", ".shp"}


def importer(name: str) -> Importer:
    """The importer of a format (the modules are imported when first asked for)."""
    from . import deepstate, folder, isw, mymaps, series_gpkg

    importers: dict[str, Importer] = {
        "folder": folder,
        "mymaps": mymaps,
        "deepstate": deepstate,
        "isw": isw,
        "gpkg": series_gpkg,
    }
    return importers[name]


def format_names() -> dict[str, str]:
    """The formats as the user reads them."""
    return {
        "auto": tr("Detect from the files"),
        "folder": tr("Folder of dated files"),
        "mymaps": tr("Google My Maps KML/KMZ"),
        "deepstate": tr("DeepStateMap snapshots"),
        "isw": tr("ISW layers"),
        "gpkg": tr("Series GeoPackage"),
    }


def expand(paths: list[Path]) -> list[Path]:
    """Folders become their supported files (sorted); files stay."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
            )
        else:
            files.append(path)
    return files


def detect_format(path: Path) -> str:
    if path.suffix.lower() in (".kml", ".kmz"):
        return "mymaps"
    for name in _DETECTION_ORDER:
        try:
            if importer(name).looks_like(path):
                return name
        except (OSError, ValueError):
            continue
    return "folder"


def run_import(
    paths: list[Path], format_name: str, options: ImportOptions, feedback: Feedback | None = None
) -> ImportResult:
    """Import `paths` with the named importer, or each file with its own ("auto")."""
    feedback = feedback or Feedback()
    if format_name not in FORMATS:
        raise ValueError(f"unknown format {format_name!r}; one of {', '.join(FORMATS)}")
    result = ImportResult()
    missing = [p for p in paths if not p.exists()]
    for path in missing:
        result.error(path, tr("file or folder not found"))
    paths = [p for p in paths if p.exists()]
    if format_name == "folder":
        groups = {"folder": paths}
    elif format_name != "auto":
        groups = {format_name: expand(paths)}
    else:
        groups = defaultdict(list)
        for path in expand(paths):
            groups[detect_format(path)].append(path)
    total = sum(len(files) for files in groups.values()) or 1
    done = 0
    for name, files in groups.items():
        if not files:
            continue
        if feedback.is_cancelled():
            result.cancelled = True
            break
        offset, share = done / total, len(files) / total
        result.extend(importer(name).import_files(files, options, _part_of(feedback, offset, share)))
        done += len(files)
    feedback.progress(1.0)
    return result


def _part_of(feedback: Feedback, offset: float, share: float) -> Feedback:
    """A feedback whose 0..1 progress is `share` of `feedback`'s, after `offset`."""
    return Feedback(lambda fraction: feedback.progress(offset + fraction * share), feedback.is_cancelled)


def import_to_series(
    paths: list[Path],
    format_name: str,
    options: ImportOptions,
    output: str | os.PathLike[str] | SeriesStore,
    feedback: Feedback | None = None,
    template: Series | None = None,
    like: Series | None = None,
) -> tuple[ImportResult, MergeSummary]:
    """Import `paths` and add what is new to the series at `output`.

    Returns the import result (with every problem met) and the merge summary;
    a cancelled import changes nothing.
    """
    from ..store.operations import MergeSummary, import_into

    result = run_import(paths, format_name, options, feedback)
    if result.cancelled:
        return result, MergeSummary()
    return result, import_into(output, result, template, like)
