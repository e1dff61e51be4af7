"""Reading untrusted XML, ZIP and JSON files without surprises.

Shared by the importers. Only the standard library and Qt (through
qgis.PyQt) are used (defusedxml is not available in QGIS's Python), so the
defences are written out here:

* XML: read with Qt's QXmlStreamReader, which never fetches anything. Any
  DOCTYPE is refused when the reader reports it, before the first element,
  so no entity (external, or the "billion laughs" kind) is ever declared
  for use; documents over a size or nesting limit are refused; the tree
  (`xml_tree.XmlElement`) is built from the reader's tokens.
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
from pathlib import Path
from typing import IO

from qgis.PyQt.QtCore import QByteArray, QCoreApplication, QXmlStreamReader

from ..core.errors import KurskTrackerError
from ..core.text import tr
from .xml_tree import TreeBuilder, XmlElement

MB = 1024 * 1024
MAX_XML_BYTES = 200 * MB
MAX_XML_DEPTH = 1000
"""Elements open at once; far beyond any real KML (My Maps nests two or three folders)."""
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
            raise UnsafeInputError(
                origin,
                tr("file too large ({size} MB, at most {cap} MB)").format(
                    size=size // MB, cap=max_bytes // MB
                ),
            )
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)  # the file may grow after stat
    except OSError as exc:
        raise UnsafeInputError(
            origin, tr("cannot read the file ({error})").format(error=exc.strerror or exc)
        ) from exc
    if len(data) > max_bytes:
        raise UnsafeInputError(origin, tr("file too large (more than {cap} MB)").format(cap=max_bytes // MB))
    if not data.strip():
        raise UnsafeInputError(origin, tr("empty file"))
    return data


# --- XML --------------------------------------------------------------------


def _doctype_problem(reader: QXmlStreamReader) -> str:
    """Why a document with a DTD is refused, most specific first."""
    declarations = reader.text()
    if reader.entityDeclarations() or "<!ENTITY" in declarations:
        return tr("XML declares entities (refused)")
    if reader.notationDeclarations() or "<!NOTATION" in declarations:
        return tr("XML declares notations (refused)")
    return tr("XML has a DOCTYPE (refused)")


QT_TAG_MISMATCH = "Opening and ending tag mismatch."
"""QXmlStreamReader's message for a wrong end tag (Qt's translations have it; ours need not)."""


def _not_well_formed(reader: QXmlStreamReader, builder: TreeBuilder) -> str:
    reason = reader.errorString()
    innermost = builder.innermost()
    # Qt's own wording, in the language Qt speaks (its translation of the same text).
    if innermost is not None and reason == QCoreApplication.translate("QXmlStream", QT_TAG_MISMATCH):
        reason = tr("mismatched tag (expected </{name}>)").format(name=innermost.name)
    return tr("not well-formed XML at line {line}: {reason}").format(line=reader.lineNumber(), reason=reason)


def parse_xml(
    data: bytes, origin: str, max_bytes: int = MAX_XML_BYTES, max_depth: int = MAX_XML_DEPTH
) -> XmlElement:
    """Parse untrusted XML: no DTD, no entities, nothing resolved or fetched.

    Raises UnsafeInputError ("XML declares entities (refused)", "not
    well-formed XML at line 4: mismatched tag (expected </Folder>)").
    """
    if len(data) > max_bytes:
        raise UnsafeInputError(
            origin,
            tr("XML too large ({size} MB, at most {cap} MB)").format(
                size=len(data) // MB, cap=max_bytes // MB
            ),
        )
    if not data.strip():
        raise UnsafeInputError(origin, tr("empty file"))

    token_type = QXmlStreamReader.TokenType
    # Looked up once: this loop runs once per token of files up to MAX_XML_BYTES.
    start, end, characters = token_type.StartElement, token_type.EndElement, token_type.Characters
    dtd, entity_reference = token_type.DTD, token_type.EntityReference
    reader = QXmlStreamReader(QByteArray(data))
    builder = TreeBuilder()
    while not reader.atEnd():
        token = reader.readNext()
        if token == characters:
            builder.data(reader.text())
        elif token == start:
            if builder.depth >= max_depth:
                raise UnsafeInputError(
                    origin, tr("XML nested deeper than {depth} elements (refused)").format(depth=max_depth)
                )
            read = reader.attributes()
            attributes = {
                f"{{{a.namespaceUri()}}}{a.name()}" if a.namespaceUri() else a.name(): a.value()
                for a in (read[i] for i in range(read.size()))
            }
            builder.start(reader.name(), reader.namespaceUri(), attributes)
        elif token == end:
            builder.end()
        elif token == dtd:
            # The DTD comes before the first element, so refusing it here refuses
            # every entity (external ones, "billion laughs") before any could be used.
            raise UnsafeInputError(origin, _doctype_problem(reader))
        elif token == entity_reference:
            # Only an entity declared and left unresolved arrives here: impossible without a DTD.
            raise UnsafeInputError(origin, tr("XML refers to an external entity (refused)"))
    if reader.hasError():
        raise UnsafeInputError(origin, _not_well_formed(reader, builder))
    if builder.root is None:  # only a guard: Qt reports a document without an element as an error
        raise UnsafeInputError(origin, tr("empty file"))
    return builder.root


# --- ZIP (KMZ) --------------------------------------------------------------

_DRIVE = re.compile(r"^[A-Za-z]:")


def unsafe_entry_name(name: str) -> bool:
    """True for names that would point outside an extraction folder."""
    if not name or name.startswith(("/", "\\")) or _DRIVE.match(name):
        return True
    return any(part == ".." for part in re.split(r"[/\\]", name))


def _read_capped(
    stream: IO[bytes], cap: int, compressed_size: int, max_ratio: float, origin: str, entry: str
) -> bytes:
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
            raise UnsafeInputError(
                origin,
                tr("KMZ entry {entry} inflates to more than {cap} MB (refused)").format(
                    entry=entry, cap=cap // MB
                ),
            )
        if total > RATIO_CHECKED_ABOVE and total > max_ratio * max(compressed_size, 1):
            raise UnsafeInputError(
                origin,
                tr("KMZ entry {entry} inflates more than {ratio}:1 (refused as a ZIP bomb)").format(
                    entry=entry, ratio=int(max_ratio)
                ),
            )
        chunks.append(chunk)


def _main_kml(infos: list[zipfile.ZipInfo]) -> zipfile.ZipInfo | None:
    kml = [i for i in infos if not i.is_dir() and i.filename.lower().endswith(".kml")]
    for info in kml:
        if info.filename.lower() == "doc.kml":
            return info
    at_root = [i for i in kml if "/" not in i.filename and "\\" not in i.filename]
    return at_root[0] if at_root else None


def read_kmz(
    path: Path, max_inflated: int = MAX_INFLATED_BYTES, max_ratio: float = MAX_COMPRESSION_RATIO
) -> tuple[bytes, str]:
    """The main KML document of a KMZ (doc.kml, else the first .kml at the root) and its entry name.

    `max_inflated` caps the KML and the declared total of all entries. Nothing
    is written to disk.
    """
    origin = str(path)
    try:
        with path.open("rb") as probe:
            magic = probe.read(4)
    except OSError as exc:
        raise UnsafeInputError(
            origin, tr("cannot read the file ({error})").format(error=exc.strerror or exc)
        ) from exc
    if not magic:
        raise UnsafeInputError(origin, tr("empty file"))
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                raise UnsafeInputError(
                    origin, tr("KMZ has {count} entries (refused)").format(count=len(infos))
                )
            for info in infos:
                if unsafe_entry_name(info.filename):
                    raise UnsafeInputError(
                        origin,
                        tr(
                            "KMZ entry {entry} points outside the archive (absolute or '..' path, refused)"
                        ).format(entry=repr(info.filename)),
                    )
            total = sum(i.file_size for i in infos)
            if total > max_inflated:
                raise UnsafeInputError(
                    origin,
                    tr("KMZ would inflate to {size} MB (at most {cap} MB, refused)").format(
                        size=total // MB, cap=max_inflated // MB
                    ),
                )
            for info in infos:
                if info.file_size > RATIO_CHECKED_ABOVE and info.file_size > max_ratio * max(
                    info.compress_size, 1
                ):
                    raise UnsafeInputError(
                        origin,
                        tr("KMZ entry {entry} inflates more than {ratio}:1 (refused as a ZIP bomb)").format(
                            entry=info.filename, ratio=int(max_ratio)
                        ),
                    )
            main = _main_kml(infos)
            if main is None:
                raise UnsafeInputError(origin, tr("KMZ holds no KML document (doc.kml)"))
            if main.flag_bits & 0x1:
                raise UnsafeInputError(
                    origin, tr("KMZ entry {entry} is encrypted").format(entry=main.filename)
                )
            with archive.open(main) as stream:
                data = _read_capped(
                    stream, max_inflated, main.compress_size, max_ratio, origin, main.filename
                )
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
        raise UnsafeInputError(
            origin, tr("cannot read the file ({error})").format(error=exc.strerror or exc)
        ) from exc


# --- JSON -------------------------------------------------------------------


def load_json(path: Path, max_bytes: int = MAX_JSON_BYTES) -> object:
    """Parsed JSON, with "empty file" / "truncated JSON at line 3, column 7" errors."""
    origin = str(path)
    data = read_bytes(Path(path), max_bytes, origin)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnsafeInputError(
            origin, tr("not UTF-8 text (byte {offset})").format(offset=exc.start)
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        end = len(text.rstrip())
        # An error at the very end, or a string never closed, means the text stopped early;
        # then where it stops says more than where the parser gave up.
        if exc.pos >= end or exc.msg.startswith("Unterminated string"):
            line = text.count("\n", 0, end) + 1
            column = end - text.rfind("\n", 0, end)
            raise UnsafeInputError(
                origin, tr("truncated JSON at line {line}, column {column}").format(line=line, column=column)
            ) from None
        raise UnsafeInputError(
            origin,
            tr("invalid JSON at line {line}, column {column}: {reason}").format(
                line=exc.lineno, column=exc.colno, reason=exc.msg
            ),
        ) from None
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
