"""User settings kept between sessions in QgsSettings under kursk_tracker/."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import ClassVar, TypeVar

from qgis.core import QgsSettings

PREFIX = "kursk_tracker"

T = TypeVar("T", bound="StoredSettings")


class StoredSettings:
    """A dataclass of plain values kept in QgsSettings under GROUP; defaults where unset."""

    GROUP: ClassVar[str] = PREFIX

    @classmethod
    def load(cls: type[T]) -> T:
        store = QgsSettings()
        values = {}
        for item in fields(cls):
            values[item.name] = store.value(f"{cls.GROUP}/{item.name}", item.default, type=type(item.default))
        return cls(**values)

    def save(self) -> None:
        store = QgsSettings()
        for item in fields(self):
            store.setValue(f"{self.GROUP}/{item.name}", getattr(self, item.name))


@dataclass
class PluginSettings(StoredSettings):
    last_series_folder: str = ""
    """Folder of the last series opened."""
    last_postgis_connection: str = ""
    """The saved PostgreSQL connection last used for a series (its name, never a password)."""
    last_postgis_schema: str = ""
    timeline_step: int = 2
    """Index of the step (1 h, 6 h, 1 d, 7 d)."""
    timeline_speed: int = 1
    """Index of the playing speed (days per second)."""
    timeline_loop: bool = False
    morph_timing: str = "eased"
    """Pace of the front between snapshots: "eased" or "linear"."""
    docks_arranged: bool = False
    """The docks were given their first arrangement (later the user's counts)."""
