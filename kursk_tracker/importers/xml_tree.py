"""The element tree the importers read: tag, attributes, text, children, and lookups by name.

Plain Python with no parser of its own: `safe_files.parse_xml` reads the
file (Qt's QXmlStreamReader, after its refusals) and builds the tree with
`TreeBuilder`. Names follow ElementTree where they overlap (`tag` is
"{namespace}local", `text` is the text before the first child, `tail` the
text after the element), so the importers read like ElementTree code; the
lookups by name ignore namespaces, as KML files come with and without the
KML namespace.
"""

from __future__ import annotations

from collections.abc import Iterator


class XmlElement:
    """One element of a parsed document."""

    __slots__ = ("attrib", "children", "name", "namespace", "tag", "tail", "text")

    def __init__(self, name: str, namespace: str = "", attrib: dict[str, str] | None = None) -> None:
        self.name = name
        """The local name: "Placemark" for <Placemark>, <kml:Placemark> and <gx:Placemark> alike."""
        self.namespace = namespace
        self.tag = f"{{{namespace}}}{name}" if namespace else name
        self.attrib: dict[str, str] = attrib if attrib is not None else {}
        """Attributes by name; one in a namespace as "{namespace}local"."""
        self.text = ""
        self.tail = ""
        self.children: list[XmlElement] = []

    def __repr__(self) -> str:
        return f"<XmlElement {self.tag} ({len(self.children)} children)>"

    def __bool__(self) -> bool:
        return True  # an element without children is still there (ElementTree's trap, avoided)

    def __iter__(self) -> Iterator[XmlElement]:
        return iter(self.children)

    def __len__(self) -> int:
        return len(self.children)

    def __getitem__(self, index: int) -> XmlElement:
        return self.children[index]

    def get(self, key: str, default: str | None = None) -> str | None:
        return self.attrib.get(key, default)

    def find(self, name: str) -> XmlElement | None:
        """The first child with the local name `name`, in any namespace."""
        return next((child for child in self.children if child.name == name), None)

    def findall(self, name: str) -> list[XmlElement]:
        """The children with the local name `name`, in document order."""
        return [child for child in self.children if child.name == name]

    def findtext(self, name: str) -> str:
        """The stripped text of the first child named `name`; "" without one."""
        child = self.find(name)
        return child.text.strip() if child is not None else ""

    def iter(self, name: str | None = None) -> Iterator[XmlElement]:
        """This element and all below it in document order (with local name `name`, if given).

        Iterative, so no nesting can exhaust Python's stack.
        """
        stack = [iter((self,))]
        while stack:
            element = next(stack[-1], None)
            if element is None:
                stack.pop()
                continue
            if name is None or element.name == name:
                yield element
            if element.children:
                stack.append(iter(element.children))


class TreeBuilder:
    """Builds XmlElements from a reader's events: start, data, end.

    Text arriving in pieces (around entities, CDATA sections) is joined once
    per run, never by repeated concatenation.
    """

    def __init__(self) -> None:
        self.root: XmlElement | None = None
        self._open: list[XmlElement] = []
        self._pieces: list[str] = []

    @property
    def depth(self) -> int:
        """How many elements are open."""
        return len(self._open)

    def start(self, name: str, namespace: str, attrib: dict[str, str]) -> XmlElement:
        self._flush()
        element = XmlElement(name, namespace, attrib)
        if self._open:
            self._open[-1].children.append(element)
        elif self.root is None:
            self.root = element
        self._open.append(element)
        return element

    def data(self, text: str) -> None:
        if self._open:  # whitespace around the root element belongs to nothing
            self._pieces.append(text)

    def end(self) -> XmlElement:
        self._flush()
        return self._open.pop()

    def innermost(self) -> XmlElement | None:
        """The element open deepest, if any (for error messages)."""
        return self._open[-1] if self._open else None

    def _flush(self) -> None:
        if not self._pieces:
            return
        text = "".join(self._pieces)
        self._pieces.clear()
        parent = self._open[-1]
        if parent.children:
            parent.children[-1].tail += text
        else:
            parent.text += text
