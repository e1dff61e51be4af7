"""Reading untrusted XML, ZIP and JSON files without surprises.

Shared by the importers. Only the standard library is used (defusedxml is
not available in QGIS's Python), so the defences are written out here:

* XML: any DOCTYPE, entity or notation declaration is refused, external
  entities are never resolved and nothing is ever fetched; the tree is built
  by our own expat handlers so no part of ElementTree can resolve anything.
* ZIP (KMZ): entries with absolute paths, drive letters or ``..`` are
  refused; declared and actual inflated sizes are capped, as is the
  compression ratio; nothing is extracted to disk.
* JSON: empty and truncated files are told apart, with line and column.

Every refusal raises `UnsafeInputError`, whose `problem` is short and worded
for the user; importers report it against the file.
"""

from __future__ import annotations

import json
import re
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO
from xml.etree import ElementTree as ET
from xml.parsers import expat

from ..core.errors import KurskTrackerError
from ..core.text import tr

MB = 1024 * 1024
MAX_XML_BYTES = 200 * MB
MAX_INFLATED_BYTES = 200 * MB
MAX_COMPRESSION_RATIO = 200
RATIO_CHECKED_ABOVE = 1 * MB
"""Small entries may compress very well legitimately; only big ones are bombs."""
MAX_ZIP_ENTRIES = 10_000
MAX_JSON_BYTES = 200 * MB
_CHUNK = 1 * MB


class UnsafeInputError(KurskTrackerError):
    """A file the safe readers refuse or cannot read: names the file and the problem.

    Raised for dangerous content (entities, path tricks, bombs) and for plain
    damage (truncated JSON, not a ZIP) alike, so one ``except`` covers both.
    """

    def __init__(self, origin: object, problem: str) -> None:
        self.origin = str(origin)
        self.problem = problem
        super().__init__(f"{self.origin}: {problem}")


def read_bytes(path: Path, max_bytes: int, origin: str | None = None) -> bytes:
    """The whole file, refusing empty files and files over `max_bytes`."""
    origin = origin or str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise UnsafeInputError(origin, tr("file too large ({size} MB, at most {cap} MB)").format(
                size=size // MB, cap=max_bytes // MB))
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)  # the file may grow after stat
    except OSError as exc:
        raise UnsafeInputError(origin, tr("cannot read the file ({error})").format(
            error=exc.strerror or exc)) from exc
    if len(data) > max_bytes:
        raise UnsafeInputError(origin, tr("file too large (more than {cap} MB)").format(cap=max_bytes // MB))
    if not data.strip():
        raise UnsafeInputError(origin, tr("empty file"))
    return data


# --- XML --------------------------------------------------------------------

class _RefusedError(Exception):
    """Raised inside expat handlers; turned into UnsafeInputError by parse_xml."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def _refuse(problem: str) -> Callable[..., None]:
    def handler(*_args: object) -> None:
        raise _RefusedError(problem)
    return handler


def parse_xml(data: bytes, origin: str, max_bytes: int = MAX_XML_BYTES) -> ET.Element:
    """Parse untrusted XML: no DTD, no entities, nothing resolved or fetched.

    Raises UnsafeInputError ("XML declares entities (refused)", "not
    well-formed XML at line 4: mismatched tag").
    """
    if len(data) > max_bytes:
        raise UnsafeInputError(origin, tr("XML too large ({size} MB, at most {cap} MB)").format(
            size=len(data) // MB, cap=max_bytes // MB))
    if not data.strip():
        raise UnsafeInputError(origin, tr("empty file"))

    builder = ET.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")
    # Never read an external DTD or parameter entity, whatever the document asks.
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True

    def tag(name: str) -> str:
        # expat gives "uri}local"; ElementTree spells it "{uri}local".
        return "{" + name if "}" in name else name

    def start(name: str, attributes: dict[str, str]) -> None:
        builder.start(tag(name), {tag(k): v for k, v in attributes.items()})

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda name: builder.end(tag(name))
    parser.CharacterDataHandler = builder.data
    # Entity declarations are refused as they are declared, before any use,
    # which stops "billion laughs" and external entities alike. A DOCTYPE
    # without them is refused at its end, before the first element.
    entities = tr("XML declares entities (refused)")
    parser.EntityDeclHandler = _refuse(entities)
    parser.UnparsedEntityDeclHandler = _refuse(entities)
    parser.ExternalEntityRefHandler = _refuse(tr("XML refers to an external entity (refused)"))
    parser.NotationDeclHandler = _refuse(tr("XML declares notations (refused)"))
    parser.EndDoctypeDeclHandler = _refuse(tr("XML has a DOCTYPE (refused)"))
    try:
        parser.Parse(data, True)
    except _RefusedError as exc:
        raise UnsafeInputError(origin, exc.problem) from None
    except expat.ExpatError as exc:
        reason = expat.ErrorString(exc.code) if exc.code else str(exc)
        raise UnsafeInputError(origin, tr("not well-formed XML at line {line}: {reason}").format(
            line=exc.lineno, reason=reason)) from None
    return builder.close()


# --- ZIP (KMZ) --------------------------------------------------------------

_DRIVE = re.compile(r"^[A-Za-z]:")


def unsafe_entry_name(name: str) -> bool:
    """True for names that would point outside an extraction folder."""
    if not name or name.startswith(("/", "\\")) or _DRIVE.match(name):
        return True
    return any(part == ".." for part in re.split(r"[/\\]", name))


def _read_capped(stream: IO[bytes], cap: int, compressed_size: int, max_ratio: float,
                 origin: str, entry: str) -> bytes:
    """Inflate in chunks and stop as soon as the real size passes the caps.

    The header's sizes are only claims; this is what a lying header meets.
    """
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > cap:
            raise UnsafeInputError(origin, tr("KMZ entry {entry} inflates to more than {cap} MB (refused)")
                                   .format(entry=entry, cap=cap // MB))
        if total > RATIO_CHECKED_ABOVE and total > max_ratio * max(compressed_size, 1):
            raise UnsafeInputError(origin, tr(
                "KMZ entry {entry} inflates more than {ratio}:1 (refused as a ZIP bomb)").format(
                entry=entry, ratio=int(max_ratio)))
        chunks.append(chunk)


def _main_kml(infos: list[zipfile.ZipInfo]) -> zipfile.ZipInfo | None:
    kml = [i for i in infos if not i.is_dir() and i.filename.lower().endswith(".kml")]
    for info in kml:
        if info.filename.lower() == "doc.kml":
            return info
    at_root = [i for i in kml if "/" not in i.filename and "\\" not in i.filename]
    return at_root[0] if at_root else None


def read_kmz(path: Path, max_inflated: int = MAX_INFLATED_BYTES,
             max_ratio: float = MAX_COMPRESSION_RATIO) -> tuple[bytes, str]:
    """The main KML document of a KMZ (doc.kml, else the first .kml at the root) and its entry name.

    `max_inflated` caps the KML and the declared total of all entries. Nothing
    is written to disk.
    """
    origin = str(path)
    try:
        with path.open("rb") as probe:
            magic = probe.read(4)
    except OSError as exc:
        raise UnsafeInputError(origin, tr("cannot read the file ({error})").format(
            error=exc.strerror or exc)) from exc
    if not magic:
        raise UnsafeInputError(origin, tr("empty file"))
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                raise UnsafeInputError(origin, tr("KMZ has {count} entries (refused)")
                                       .format(count=len(infos)))
            for info in infos:
                if unsafe_entry_name(info.filename):
                    raise UnsafeInputError(origin, tr(
                        "KMZ entry {entry} points outside the archive (absolute or '..' path, refused)"
                    ).format(entry=repr(info.filename)))
            total = sum(i.file_size for i in infos)
            if total > max_inflated:
                raise UnsafeInputError(origin, tr(
                    "KMZ would inflate to {size} MB (at most {cap} MB, refused)").format(
                    size=total // MB, cap=max_inflated // MB))
            for info in infos:
                if (info.file_size > RATIO_CHECKED_ABOVE
                        and info.file_size > max_ratio * max(info.compress_size, 1)):
                    raise UnsafeInputError(origin, tr(
                        "KMZ entry {entry} inflates more than {ratio}:1 (refused as a ZIP bomb)").format(
                        entry=info.filename, ratio=int(max_ratio)))
            main = _main_kml(infos)
            if main is None:
                raise UnsafeInputError(origin, tr("KMZ holds no KML document (doc.kml)"))
            if main.flag_bits & 0x1:
                raise UnsafeInputError(origin, tr("KMZ entry {entry} is encrypted")
                                       .format(entry=main.filename))
            with archive.open(main) as stream:
                data = _read_capped(stream, max_inflated, main.compress_size, max_ratio, origin,
                                    main.filename)
            return data, main.filename
    except UnsafeInputError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error, NotImplementedError) as exc:
        if magic.startswith(b"PK"):
            problem = tr("truncated or damaged KMZ ({error})").format(error=exc)
        else:
            problem = tr("not a ZIP archive (a KMZ is a zipped KML)")
        raise UnsafeInputError(origin, problem) from None
    except OSError as exc:
        raise UnsafeInputError(origin, tr("cannot read the file ({error})").format(
            error=exc.strerror or exc)) from exc


# --- JSON -------------------------------------------------------------------

def load_json(path: Path, max_bytes: int = MAX_JSON_BYTES) -> object:
    """Parsed JSON, with "empty file" / "truncated JSON at line 3, column 7" errors."""
    origin = str(path)
    data = read_bytes(Path(path), max_bytes, origin)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnsafeInputError(origin, tr("not UTF-8 text (byte {offset})")
                               .format(offset=exc.start)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        end = len(text.rstrip())
        # An error at the very end, or a string never closed, means the text stopped early;
        # then where it stops says more than where the parser gave up.
        if exc.pos >= end or exc.msg.startswith("Unterminated string"):
            line = text.count("\n", 0, end) + 1
            column = end - text.rfind("\n", 0, end)
            raise UnsafeInputError(origin, tr("truncated JSON at line {line}, column {column}").format(
                line=line, column=column)) from None
        raise UnsafeInputError(origin, tr("invalid JSON at line {line}, column {column}: {reason}").format(
            line=exc.lineno, column=exc.colno, reason=exc.msg)) from None
    except RecursionError:
        raise UnsafeInputError(origin, tr("JSON nested too deeply")) from None


__all__ = [
    "UnsafeInputError",
    "load_json",
    "parse_xml",
    "read_bytes",
    "read_kmz",
    "unsafe_entry_name",
]
