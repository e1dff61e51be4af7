"""The Export panel's choices, kept between sessions in QgsSettings under kursk_tracker/export/.

The language is not among them: it starts at QGIS's language each session (gui/export_dock.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..toolbelt.settings import PREFIX, StoredSettings


@dataclass
class ExportSettings(StoredSettings):
    GROUP = f"{PREFIX}/export"

    template: str = "web"
    """A built-in template ("web", "a4") or the path of a user's .qpt."""
    template_file: str = ""
    """The last user template chosen, offered again beside the built-ins."""
    format: str = "png"
    """png, pdf or svg."""
    width_px: int = 1600
    dpi: int = 150
    folder: str = ""
    """Folder of the last Lagebild or batch written."""
