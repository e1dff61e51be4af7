"""The safe XML reader (Qt's QXmlStreamReader) and the element tree it builds."""

from __future__ import annotations

import pytest

from kursk_tracker.importers import safe_files
from kursk_tracker.importers.safe_files import UnsafeInputError, parse_xml
from kursk_tracker.importers.xml_tree import TreeBuilder, XmlElement

KML_NS = "http://www.opengis.net/kml/2.2"
GX_NS = "http://www.google.com/kml/ext/2.2"


def test_a_doctype_is_refused_before_the_first_element_is_built(monkeypatch):
    started: list[str] = []
    original = TreeBuilder.start

    def start(self, name, namespace, attrib):
        started.append(name)
        return original(self, name, namespace, attrib)

    monkeypatch.setattr(TreeBuilder, "start", start)
    cases = {
        b'<!DOCTYPE kml [<!ENTITY a "x">]><kml a="&a;">&a;</kml>': "entities",
        b'<!DOCTYPE kml [<!NOTATION n SYSTEM "n">]><kml/>': "notations",
        b'<!DOCTYPE kml PUBLIC "-//x//y" "http://127.0.0.1:9/kml.dtd"><kml/>': "DOCTYPE",
    }
    for data, words in cases.items():
        with pytest.raises(UnsafeInputError, match=words):
            parse_xml(data, "d.kml")
    assert started == []


def test_a_doctype_after_the_root_is_not_well_formed():
    with pytest.raises(UnsafeInputError, match="not well-formed XML at line 1"):
        parse_xml(b'<kml/><!DOCTYPE kml [<!ENTITY a "x">]>', "late.kml")


def test_nesting_beyond_the_limit_is_refused():
    def nested(depth: int) -> bytes:
        return (b"<a>" * depth) + (b"</a>" * depth)

    root = parse_xml(nested(50), "ok.kml", max_depth=50)
    assert sum(1 for _ in root.iter()) == 50
    with pytest.raises(UnsafeInputError, match="nested deeper than 50 elements"):
        parse_xml(nested(51), "deep.kml", max_depth=50)
    with pytest.raises(UnsafeInputError, match=f"nested deeper than {safe_files.MAX_XML_DEPTH} elements"):
        parse_xml(nested(safe_files.MAX_XML_DEPTH + 1), "deeper.kml")


def test_a_mismatched_end_tag_says_which_element_was_open():
    with pytest.raises(UnsafeInputError) as caught:
        parse_xml(b"<kml>\n<Folder>\n<name>x</name>\n</Fold>\n</kml>", "bad.kml")
    assert caught.value.problem == "not well-formed XML at line 4: mismatched tag (expected </Folder>)"


def test_kml_namespaces_prefixes_and_gx_extensions_read_by_local_name():
    root = parse_xml(
        f'<kml:kml xmlns:kml="{KML_NS}" xmlns:gx="{GX_NS}"><kml:Document gx:id="g" id="d">'
        f"<gx:Tour/><kml:name>N</kml:name></kml:Document></kml:kml>".encode(),
        "p.kml",
    )
    assert (root.tag, root.name, root.namespace) == (f"{{{KML_NS}}}kml", "kml", KML_NS)
    document = root.find("Document")
    assert document is not None
    assert document.attrib == {"id": "d", f"{{{GX_NS}}}id": "g"}
    assert document[0].tag == f"{{{GX_NS}}}Tour"
    assert document.findtext("name") == "N"
    plain = parse_xml(b"<kml><Document><name>N</name></Document></kml>", "plain.kml")
    assert plain.tag == "kml" and plain.find("Document").findtext("name") == "N"


def test_text_tail_cdata_and_references_are_joined_as_elementtree_does():
    root = parse_xml(b"<d>A &amp; B<![CDATA[ <b>x</b> ]]>&#x41;<br/>after &lt;br&gt;<i>i</i></d>", "t.kml")
    assert root.text == "A & B <b>x</b> A"
    assert [(child.name, child.text, child.tail) for child in root] == [
        ("br", "", "after <br>"),
        ("i", "i", ""),
    ]
    assert root.get("missing") is None and len(root) == 2


def test_encodings_the_declaration_names_are_read():
    latin1 = '<?xml version="1.0" encoding="ISO-8859-1"?><kml><name>März</name></kml>'.encode("latin-1")
    assert parse_xml(latin1, "l.kml").findtext("name") == "März"
    utf16 = '<?xml version="1.0" encoding="UTF-16"?><kml><name>Суджа</name></kml>'.encode("utf-16")
    assert parse_xml(utf16, "u.kml").findtext("name") == "Суджа"


def test_find_findall_and_iter_go_by_local_name_in_document_order():
    root = XmlElement("kml", KML_NS)
    document = XmlElement("Document", KML_NS)
    root.children.append(document)
    for name in ("Folder", "Placemark", "Folder"):
        document.children.append(XmlElement(name, KML_NS))
    document.children[0].children.append(XmlElement("Placemark"))
    assert document.find("Folder") is document.children[0]
    assert document.findall("Folder") == [document.children[0], document.children[2]]
    assert [e.name for e in root.iter()] == ["kml", "Document", "Folder", "Placemark", "Placemark", "Folder"]
    assert len(list(root.iter("Placemark"))) == 2
    assert document.find("Missing") is None and document.findtext("Missing") == ""
    assert bool(XmlElement("empty"))  # no children, still an element


def test_iterating_a_very_deep_tree_needs_no_recursion():
    root = element = XmlElement("a")
    for _ in range(5000):
        child = XmlElement("a")
        element.children.append(child)
        element = child
    assert sum(1 for _ in root.iter()) == 5001
