"""Google My Maps exports (KML 2.2, or KMZ with doc.kml inside), one snapshot per file.

The file is read by `kml` (placemarks, folders, shapes, style colours);
`mymaps_placemarks` says what its placemarks mean (folders → kinds, colours →
sides, movements, areas); this module reads the files into snapshots:

* **Title and caption**: the Document's name and description (HTML
  stripped); without a Document description, the text of a folder named
  "Lagebild", "caption", "Bildunterschrift" or "Beschreibung".
* **Date**: the file name (`dates.date_from_name`), else a date written in
  the Document name or description (`dates.date_in_text`: "Lagebild am
  29. Oktober 2024, 22:00 MEZ"; a date without a year takes the year of the
  file's time stamps or name), else the Document's ``TimeStamp/when`` or
  ``TimeSpan/begin`` (or the one instant all placemarks share), else
  ``options.ask_date``.

Network links, icons and other references are never followed. XML and ZIP
are read through `safe_files`, which refuses entities and archive tricks.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from ..core.import_result import ImportResult, PlaceData, SnapshotData
from ..core.text import tr
from .base import Feedback, ImportOptions
from .dates import date_from_name, date_in_text, kml_time, year_in_name
from .kml import KmlReadError, Styles, child_text, is_kml, plain, read_contents, read_kml
from .mymaps_placemarks import SOURCE, Interpreter
from .normalize import normalise_snapshot
from .safe_files import UnsafeInputError
from .xml_tree import XmlElement


def looks_like(path: Path) -> bool:
    """Any KML document or KMZ archive; reads a few kilobytes at most."""
    return is_kml(path)


def import_files(paths: list[Path], options: ImportOptions, feedback: Feedback) -> ImportResult:
    """One snapshot (and any places) per My Maps file; bad files are reported and skipped."""
    result = ImportResult()
    dated: dict[str, Path] = {}
    for _index, path in feedback.each(paths, result):
        try:
            snapshot, places = _read_file(path, options, result)
        except (UnsafeInputError, KmlReadError, _FileError) as exc:
            result.error(path, exc.problem)
            snapshot, places = None, []
        except Exception as exc:  # a reader bug must not stop the other files
            result.error(path, tr("could not be read ({error})").format(error=exc))
            snapshot, places = None, []
        result.places.extend(places)
        if snapshot is not None:
            key = snapshot.valid_at.astimezone(dt.timezone.utc).isoformat()
            if key in dated:
                when = snapshot.valid_at.astimezone(ZoneInfo(options.timezone)).strftime("%Y-%m-%d %H:%M")
                result.error(
                    path,
                    tr("same date as {other} ({when}); not imported").format(
                        other=dated[key].name, when=when
                    ),
                )
            else:
                dated[key] = path
                result.snapshots.append(snapshot)
    return result


class _FileError(Exception):
    """A problem that stops one file, worded for the user."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


# --- reading one file ---------------------------------------------------------


def _read_file(
    path: Path, options: ImportOptions, result: ImportResult
) -> tuple[SnapshotData | None, list[PlaceData]]:
    root = read_kml(path)
    # Without a Document, a top-level Folder is walked as a folder, so its name still says the kind.
    document = root.find("Document") or root

    contents = read_contents(document)
    if not contents.placemarks and not contents.bad_coordinates:
        raise _FileError(tr("no placemarks in the document"))
    reader = Interpreter(path, options, Styles(root), contents)
    features, places = reader.build()
    if not features:
        if places:
            reader.report(result)
            result.info(
                path,
                tr("{count} places read; no situation features, so no snapshot").format(count=len(places)),
            )
            return None, places
        raise _FileError(tr("no placemarks with a usable geometry"))

    title = plain(child_text(document, "name")) or path.stem
    caption = plain(child_text(document, "description")) or reader.caption()
    valid_at = _find_date(path, root, document, options)
    if valid_at is None:
        raise _FileError(tr("no date in the file name, the document or its time stamps"))
    snapshot = SnapshotData(
        valid_at, features, title=title, caption=caption, source=f"{SOURCE}: {path.name}", origin=str(path)
    )
    # Reported only for a file that is imported: for one that is not, they would be noise.
    reader.report(result)
    normalise_snapshot(snapshot, options.area_of_interest, result)
    if not snapshot.features:
        raise _FileError(tr("no features inside the area of interest"))
    return snapshot, places


# --- date ------------------------------------------------------------------------


def _document_stamps(document: XmlElement, timezone: str) -> list[dt.datetime]:
    """The instants of the document's own TimeStamp and TimeSpan, in that order."""
    own: list[dt.datetime] = []
    for stamp_name, part in (("TimeStamp", "when"), ("TimeSpan", "begin")):
        stamp = document.find(stamp_name)
        if stamp is not None:
            instant, _year = kml_time(child_text(stamp, part), timezone)
            if instant:
                own.append(instant)
    return own


def _stamps_anywhere(root: XmlElement, timezone: str) -> tuple[set[dt.datetime], list[int]]:
    """The distinct instants of every when and begin in the file, and the years they name."""
    anywhere: set[dt.datetime] = set()
    years: list[int] = []
    for element in root.iter():
        if element.name in ("when", "begin"):
            instant, year = kml_time(element.text, timezone)
            if instant:
                anywhere.add(instant)
            if year:
                years.append(year)
    return anywhere, years


def _find_date(
    path: Path, root: XmlElement, document: XmlElement, options: ImportOptions
) -> dt.datetime | None:
    """The snapshot's instant, from the first place that gives one (see the module's text)."""
    timezone = options.timezone
    try:
        found = date_from_name(path.name, options.epoch, timezone)
    except ValueError:  # a time zone name that is no zone key
        found = None
    if found is not None:
        return found
    own = _document_stamps(document, timezone)
    anywhere, years = _stamps_anywhere(root, timezone)
    year_hint = years[0] if years else year_in_name(path.stem)
    for text in (child_text(document, "name"), plain(child_text(document, "description"))):
        found = date_in_text(text, year_hint, timezone)
        if found is not None:
            return found
    if own:
        return own[0]
    if len(anywhere) == 1:  # every placemark stamped with the same instant
        return anywhere.pop()
    if options.ask_date is not None:
        asked = options.ask_date(path)
        if asked is not None:
            return asked if asked.tzinfo else asked.replace(tzinfo=ZoneInfo(timezone))
    return None
