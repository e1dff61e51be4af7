"""The Export panel's choices, kept between sessions in QgsSettings under kursk_tracker/export/."""

from __future__ import annotations

from dataclasses import dataclass, fields

from qgis.core import QgsSettings

PREFIX = "kursk_tracker/export"


@dataclass
class ExportSettings:
    template: str = "web"
    """A built-in template ("web", "a4") or the path of a user's .qpt."""
    template_file: str = ""
    """The last user template chosen, offered again beside the built-ins."""
    format: str = "png"
    """png, pdf or svg."""
    width_px: int = 1600
    dpi: int = 150
    language: str = ""
    """"de" or "en"; empty: QGIS's locale."""
    folder: str = ""
    """Folder of the last Lagebild or batch written."""

    @classmethod
    def load(cls) -> ExportSettings:
        store = QgsSettings()
        values = {}
        for item in fields(cls):
            default = item.default
            values[item.name] = store.value(f"{PREFIX}/{item.name}", default, type=type(default))
        return cls(**values)

    def save(self) -> None:
        store = QgsSettings()
        for item in fields(self):
            store.setValue(f"{PREFIX}/{item.name}", getattr(self, item.name))
