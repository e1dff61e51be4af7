"""Plugin metadata, read from metadata.txt (the one source of truth)."""

from __future__ import annotations

import configparser

from .toolbelt.paths import plugin_root


def read_metadata() -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(plugin_root() / "metadata.txt", encoding="utf-8")
    return dict(parser["general"])


_META = read_metadata()

__title__ = _META["name"]
__version__ = _META["version"]
__summary__ = _META["description"]
__email__ = _META["email"]
__uri_tracker__ = _META["tracker"]
__uri_repository__ = _META["repository"]
__min_qgis__ = _META["qgisminimumversion"]

PLUGIN_ID = "kursk_tracker"
LOG_TAG = "Kursk Tracker"
