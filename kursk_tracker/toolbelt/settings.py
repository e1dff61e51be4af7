"""Every setting the plugin keeps between sessions, declared once, in QgsSettings under kursk_tracker/.

A group of settings is a dataclass whose GROUP is its folder in QgsSettings; each
field is one setting, its key `GROUP/field name`, its default the field's default,
its type the default's type: str, int, float, bool, or a dict of texts (kept as
JSON text). A field may name the values it accepts (`choice`). `load()` reads a
whole group, each value with its type (the default where it is unset, unreadable
or not among its choices); `save()` writes the group back; `update(...)` writes
only the settings it is given. REGISTRY lists the groups.

No other module of the plugin touches QgsSettings (tests/qgis/test_settings_registry.py
checks that). QGIS's own language setting is read in toolbelt/i18n.py, which must
import with Qt alone.
"""

from __future__ import annotations

import json
from dataclasses import MISSING, Field, dataclass, field, fields
from typing import Any, ClassVar, TypeVar

from qgis.core import QgsSettings

from ..core.timings import TIMINGS

PREFIX = "kursk_tracker"
CHOICES = "choices"


T = TypeVar("T", bound="StoredSettings")


def choice(default: str, choices: tuple[str, ...]) -> Any:
    """A text setting that is one of `choices`; anything else stored reads as `default`."""
    return field(default=default, metadata={CHOICES: choices})


def default_of(item: Field) -> Any:
    if item.default_factory is not MISSING:
        return item.default_factory()
    return item.default


def _read(store: QgsSettings, key: str, item: Field) -> Any:
    default = default_of(item)
    if isinstance(default, dict):
        try:
            value = json.loads(store.value(key, "", type=str) or "{}")
        except ValueError:
            return default
        return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else default
    try:
        value = store.value(key, default, type=type(default))
    except (TypeError, ValueError):  # a value of another type, written by hand or an old version
        return default
    choices = item.metadata.get(CHOICES)
    return default if choices and value not in choices else value


def _stored(item: Field, value: Any) -> Any:
    """`value` as the setting keeps it: its type, dicts as JSON text."""
    kind = type(default_of(item))
    if kind is dict:
        return json.dumps({str(k): str(v) for k, v in dict(value).items()}, sort_keys=True)
    if kind is str:
        return "" if value is None else str(value)
    return kind(value)


class StoredSettings:
    """A group of settings kept in QgsSettings under GROUP; see the module's description."""

    GROUP: ClassVar[str] = PREFIX
    # Every group is a dataclass; said here so the type checker lets `fields` take the class.
    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    @classmethod
    def key(cls, name: str) -> str:
        """The QgsSettings key of the setting `name` of this group."""
        if name not in {item.name for item in fields(cls)}:
            raise KeyError(f"{cls.__name__} has no setting {name!r}")
        return f"{cls.GROUP}/{name}"

    @classmethod
    def load(cls: type[T]) -> T:
        store = QgsSettings()
        return cls(**{item.name: _read(store, f"{cls.GROUP}/{item.name}", item) for item in fields(cls)})

    def save(self) -> None:
        store = QgsSettings()
        for item in fields(self):
            store.setValue(f"{self.GROUP}/{item.name}", _stored(item, getattr(self, item.name)))

    @classmethod
    def update(cls, **values: Any) -> None:
        """Writes only the settings named, leaving the group's others as they are."""
        known = {item.name: item for item in fields(cls)}
        store = QgsSettings()
        for name, value in values.items():
            store.setValue(cls.key(name), _stored(known[name], value))


@dataclass
class PluginSettings(StoredSettings):
    last_series_folder: str = ""
    """Folder of the last series opened."""
    last_postgis_connection: str = ""
    """The saved PostgreSQL connection last used for a series (its name, never a password)."""
    last_postgis_schema: str = ""
    timeline_step: int = 2
    """Index of the Timeline's step (1 h, 6 h, 1 d, 7 d)."""
    timeline_speed: int = 1
    """Index of the Timeline's playing speed (days per second)."""
    timeline_loop: bool = False
    docks_arranged: bool = False
    """The docks were given their first arrangement (later the user's counts)."""


@dataclass
class TimelineSettings(StoredSettings):
    GROUP = f"{PREFIX}/timeline"

    preview_timing: str = choice(TIMINGS[0], TIMINGS)
    """The map's pace between snapshots: linear by default, so playing a week shows the front moving
    all week; eased (the likeliest timing, what the measured figures use) on request."""
    show_chart: bool = True
    """The area chart is shown below the Timeline's controls."""
    compacted: bool = False
    """The Timeline dock was once made as short as its controls (later the user's height counts)."""


@dataclass
class ImportSettings(StoredSettings):
    GROUP = f"{PREFIX}/import"

    side_mapping: dict[str, str] = field(default_factory=dict)
    """Source value (lower case) → side code, as last entered in the import dialog."""
    kind_mapping: dict[str, str] = field(default_factory=dict)
    """Folder or layer name (lower case) → kind of feature, as last entered in the import dialog."""


@dataclass
class ExportSettings(StoredSettings):
    """The Export panel's choices. The language is not among them: it starts at QGIS's
    language each session (gui/export_dock.py)."""

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
    """Folder of the last Lagebild, batch or chart written."""


@dataclass
class AnimationSettings(StoredSettings):
    """The animation panel's choices."""

    GROUP = f"{PREFIX}/animation"

    fps: int = 10
    step_hours: int = 24
    hold_seconds: float = 1.0
    width: int = 1280
    height: int = 720
    format: str = "gif"
    use_layout: bool = False
    folder: str = ""
    timing: str = "linear"
    """The film's pace between snapshots (core/timings.py); the Timeline keeps its own."""


@dataclass
class WebPageSettings(StoredSettings):
    """The web page export's choices (gui/web_page_panel.py)."""

    GROUP = f"{PREFIX}/web"

    single_file: bool = False
    """One self-contained HTML file rather than a folder."""
    basemap_url: str = ""
    """An XYZ tile URL template; empty: no basemap, the page makes no request at all."""
    folder: str = ""
    """Where the last page was written."""


@dataclass
class OnlineSettings(StoredSettings):
    """Fetching DeepStateMap's history (kursk_tracker/online/)."""

    GROUP = f"{PREFIX}/online"

    base_url: str = "https://deepstatemap.live"
    """The service (or a mirror, or a test server): `{base_url}/api/history/public`."""
    every: str = choice("day", ("day", "week"))
    at_time: str = "22:00"
    """The local time of day (series' time zone) each day's snapshot is taken at or before."""
    area_of_interest: str = ""
    """xmin,ymin,xmax,ymax (WGS84) the snapshots are clipped to; empty: the whole front."""
    check_on_open: bool = True
    """On opening a series that came from the service, look for new snapshots (at most once a day)."""
    last_checks: dict[str, str] = field(default_factory=dict)
    """Series location → the day (ISO) it was last looked at."""
    cache_mb: int = 500
    """The bound of the cache of raw answers in the profile."""


REGISTRY: tuple[type[StoredSettings], ...] = (
    PluginSettings,
    TimelineSettings,
    ImportSettings,
    ExportSettings,
    AnimationSettings,
    WebPageSettings,
    OnlineSettings,
)
