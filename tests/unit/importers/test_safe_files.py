"""Safe readers: XML without entities or DTDs, KMZ without path tricks or bombs, JSON with clear errors."""

from __future__ import annotations

import io
import random
import struct
import zipfile
from pathlib import Path

import pytest

from kursk_tracker.core.errors import KurskTrackerError
from kursk_tracker.importers import safe_files
from kursk_tracker.importers.safe_files import (
    UnsafeInputError,
    _read_capped,
    load_json,
    parse_xml,
    read_kmz,
    unsafe_entry_name,
)

KML_NS = "http://www.opengis.net/kml/2.2"
SMALL_KML = f'<kml xmlns="{KML_NS}"><Document><name>x</name></Document></kml>'.encode()

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE kml [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<kml><Document><name>&lol9;</name></Document></kml>
"""


def _zip(path: Path, entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=compression)
    return path


# --- XML ---------------------------------------------------------------------


def test_plain_kml_parses_with_namespaces_and_escaped_text():
    root = parse_xml(
        f'<kml xmlns="{KML_NS}"><Document id="d"><name>A &amp; B</name></Document></kml>'.encode(), "a.kml"
    )
    assert root.tag == f"{{{KML_NS}}}kml"
    document = root[0]
    assert document.tag == f"{{{KML_NS}}}Document"
    assert document.get("id") == "d"
    assert document[0].text == "A & B"


def test_billion_laughs_is_refused_as_entities_naming_the_origin():
    with pytest.raises(UnsafeInputError) as caught:
        parse_xml(BILLION_LAUGHS, "laughs.kml")
    assert caught.value.origin == "laughs.kml"
    assert "entities" in caught.value.problem
    assert str(caught.value).startswith("laughs.kml: ")
    assert isinstance(caught.value, KurskTrackerError)


def test_external_file_entity_is_refused_and_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-TOKEN")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY x SYSTEM "file://{secret}">]>'
        f"<kml><Document><name>&x;</name></Document></kml>"
    ).encode()
    with pytest.raises(UnsafeInputError) as caught:
        parse_xml(data, "ext.kml")
    assert "entities" in caught.value.problem
    assert "TOP-SECRET-TOKEN" not in str(caught.value)


def test_parameter_entity_and_external_dtd_are_refused():
    parameter = b'<!DOCTYPE kml [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]><kml/>'
    with pytest.raises(UnsafeInputError, match="entities"):
        parse_xml(parameter, "p.kml")
    external_dtd = b'<!DOCTYPE kml SYSTEM "http://127.0.0.1:9/kml.dtd"><kml/>'
    with pytest.raises(UnsafeInputError, match="DOCTYPE"):
        parse_xml(external_dtd, "dtd.kml")


def test_any_doctype_is_refused_even_without_declarations():
    with pytest.raises(UnsafeInputError, match=r"DOCTYPE \(refused\)"):
        parse_xml(b"<!DOCTYPE kml><kml/>", "d.kml")


def test_undefined_entity_is_not_well_formed():
    with pytest.raises(UnsafeInputError, match="not well-formed XML at line 1"):
        parse_xml(b"<kml>&nothing;</kml>", "u.kml")


def test_malformed_xml_names_the_line():
    data = b"<kml>\n<Document>\n<name>x</name>\n</Folder>\n</kml>"
    with pytest.raises(UnsafeInputError) as caught:
        parse_xml(data, "bad.kml")
    assert "not well-formed XML at line 4" in caught.value.problem
    assert "mismatched tag" in caught.value.problem


def test_truncated_xml_is_not_well_formed():
    with pytest.raises(UnsafeInputError, match="not well-formed XML"):
        parse_xml(SMALL_KML[:30], "cut.kml")


def test_empty_and_oversized_xml_are_refused():
    with pytest.raises(UnsafeInputError, match="empty"):
        parse_xml(b"  \n", "e.kml")
    with pytest.raises(UnsafeInputError, match="too large"):
        parse_xml(SMALL_KML, "big.kml", max_bytes=10)


# --- ZIP / KMZ -----------------------------------------------------------------


def test_kmz_returns_doc_kml_before_other_kml(tmp_path):
    path = _zip(tmp_path / "a.kmz", {"other.kml": b"<kml/>", "doc.kml": SMALL_KML, "images/i.png": b"png"})
    data, entry = read_kmz(path)
    assert entry == "doc.kml"
    assert data == SMALL_KML


def test_kmz_without_doc_kml_returns_the_first_kml_at_the_root(tmp_path):
    path = _zip(tmp_path / "a.kmz", {"files/nested.kml": b"<kml/>", "Map.KML": SMALL_KML})
    data, entry = read_kmz(path)
    assert entry == "Map.KML"
    assert data == SMALL_KML


def test_kmz_without_any_root_kml_is_an_error(tmp_path):
    path = _zip(tmp_path / "a.kmz", {"files/nested.kml": SMALL_KML})
    with pytest.raises(UnsafeInputError, match="no KML document"):
        read_kmz(path)


@pytest.mark.parametrize(
    "name", ["../evil.kml", "/abs.kml", "files/../../evil.kml", "C:/evil.kml", "..\\evil.kml", "\\abs.kml"]
)
def test_kmz_with_unsafe_entry_is_refused_and_named(tmp_path, name):
    path = _zip(tmp_path / "tricky.kmz", {"doc.kml": SMALL_KML, name: b"<kml/>"})
    with pytest.raises(UnsafeInputError) as caught:
        read_kmz(path)
    assert caught.value.origin == str(path)
    assert "outside the archive" in caught.value.problem
    assert repr(name) in caught.value.problem


def test_entry_names_outside_the_archive_are_recognised():
    for name in ("../x", "/x", "a/../../x", "C:x", "d:/x", "a\\..\\x", ""):
        assert unsafe_entry_name(name), name
    for name in ("doc.kml", "images/icon.png", "a..b.kml", "files/x..kml"):
        assert not unsafe_entry_name(name), name


def test_zip_bomb_is_refused_by_its_ratio_without_inflating(tmp_path, monkeypatch):
    # 4 MB of zeros packs to a few kilobytes: far beyond 200:1.
    path = _zip(tmp_path / "bomb.kmz", {"doc.kml": b"\0" * (4 * 1024 * 1024)})

    def inflate(*_args: object, **_kwargs: object) -> bytes:
        raise AssertionError("a bomb must be refused before inflating")

    monkeypatch.setattr(safe_files, "_read_capped", inflate)
    with pytest.raises(UnsafeInputError, match="ZIP bomb"):
        read_kmz(path)


def test_declared_size_over_the_cap_is_refused(tmp_path):
    payload = random.Random(7).randbytes(2 * 1024 * 1024)  # does not compress: no bomb, just big
    path = _zip(tmp_path / "big.kmz", {"doc.kml": payload})
    with pytest.raises(UnsafeInputError, match="would inflate to"):
        read_kmz(path, max_inflated=1024 * 1024)
    assert read_kmz(path, max_inflated=4 * 1024 * 1024)[0] == payload


def test_lying_size_header_does_not_get_through(tmp_path):
    path = _zip(tmp_path / "liar.kmz", {"doc.kml": b"\0" * (3 * 1024 * 1024)})
    raw = bytearray(path.read_bytes())
    # Claim 1000 inflated bytes in the local and the central header.
    struct.pack_into("<I", raw, 22, 1000)
    central = raw.index(b"PK\x01\x02")
    struct.pack_into("<I", raw, central + 24, 1000)
    path.write_bytes(bytes(raw))
    assert zipfile.ZipFile(path).infolist()[0].file_size == 1000
    with pytest.raises(UnsafeInputError) as caught:
        read_kmz(path)
    assert "damaged" in caught.value.problem or "refused" in caught.value.problem


def test_inflating_stops_at_the_cap_whatever_the_header_says():
    stream = io.BytesIO(b"x" * (5 * 1024 * 1024))
    with pytest.raises(UnsafeInputError, match="more than 2 MB"):
        _read_capped(
            stream,
            2 * 1024 * 1024,
            compressed_size=10 * 1024 * 1024,
            max_ratio=200,
            origin="a.kmz",
            entry="doc.kml",
        )
    stream = io.BytesIO(b"x" * (3 * 1024 * 1024))
    with pytest.raises(UnsafeInputError, match="ZIP bomb"):
        _read_capped(
            stream, 100 * 1024 * 1024, compressed_size=1000, max_ratio=200, origin="a.kmz", entry="doc.kml"
        )


def test_not_a_zip_is_named(tmp_path):
    path = tmp_path / "plain.kmz"
    path.write_bytes(SMALL_KML)
    with pytest.raises(UnsafeInputError, match="not a ZIP archive"):
        read_kmz(path)


def test_truncated_zip_is_named(tmp_path):
    path = _zip(tmp_path / "cut.kmz", {"doc.kml": SMALL_KML * 50})
    path.write_bytes(path.read_bytes()[:-40])
    with pytest.raises(UnsafeInputError, match="truncated or damaged"):
        read_kmz(path)


def test_empty_kmz_is_named(tmp_path):
    path = tmp_path / "empty.kmz"
    path.write_bytes(b"")
    with pytest.raises(UnsafeInputError, match="empty file"):
        read_kmz(path)


# --- JSON ----------------------------------------------------------------------


def test_json_loads_with_or_without_byte_order_mark(tmp_path):
    path = tmp_path / "a.geojson"
    path.write_bytes(b'\xef\xbb\xbf{"type": "FeatureCollection", "features": []}')
    assert load_json(path) == {"type": "FeatureCollection", "features": []}


def test_empty_json_is_named(tmp_path):
    for content in (b"", b" \n\t"):
        path = tmp_path / "empty.geojson"
        path.write_bytes(content)
        with pytest.raises(UnsafeInputError) as caught:
            load_json(path)
        assert caught.value.problem == "empty file"
        assert caught.value.origin == str(path)


def test_truncated_json_names_line_and_column(tmp_path):
    path = tmp_path / "cut.geojson"
    path.write_text('{\n  "type": "FeatureCollection",\n  "features": [{"type": "Fea')
    with pytest.raises(UnsafeInputError, match=r"truncated JSON at line 3, column 29"):
        load_json(path)


def test_invalid_json_names_line_and_column(tmp_path):
    path = tmp_path / "bad.geojson"
    path.write_text('{\n  "type": "FeatureCollection",\n  "features": [,]\n}\n')
    with pytest.raises(UnsafeInputError, match=r"invalid JSON at line 3, column 16"):
        load_json(path)


def test_json_over_the_cap_or_not_utf8_is_refused(tmp_path):
    path = tmp_path / "a.json"
    path.write_text('{"a": "' + "x" * 100 + '"}')
    with pytest.raises(UnsafeInputError, match="too large"):
        load_json(path, max_bytes=50)
    path.write_bytes(b'{"a": "\xff\xfe"}')
    with pytest.raises(UnsafeInputError, match="not UTF-8"):
        load_json(path)


def test_missing_json_file_is_named(tmp_path):
    with pytest.raises(UnsafeInputError, match="cannot read the file"):
        load_json(tmp_path / "missing.json")
