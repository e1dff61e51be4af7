"""Translation for modules that must also run without QGIS.

`tr("…")` is extracted by pylupdate5 under the context "@default" like the
rest of the plugin; with Qt present it translates through the installed
translator, without Qt it returns the English source. Write
`tr("File {name}").format(name=…)`, never an f-string inside `tr`.
"""

from __future__ import annotations

from collections.abc import Callable

CONTEXT = "@default"


def _translator() -> Callable[[str], str]:
    try:
        from qgis.PyQt.QtCore import QCoreApplication
    except ImportError:  # plain Python: English
        return lambda text: text
    return lambda text: QCoreApplication.translate(CONTEXT, text)


tr = _translator()
