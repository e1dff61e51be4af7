"""Where the plugin's files are, in a checkout and in an installed plugin.

In the checkout `metadata.txt`, `resources/` and `i18n/` sit beside the
package; in the installed plugin (the zip) they sit inside it.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).parent.parent


def plugin_root() -> Path:
    """The folder holding metadata.txt, resources/ and i18n/."""
    if (PACKAGE_DIR / "metadata.txt").exists():
        return PACKAGE_DIR
    return PACKAGE_DIR.parent


def resources_dir() -> Path:
    return plugin_root() / "resources"


def i18n_dir() -> Path:
    return plugin_root() / "i18n"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def icon_path(name: str) -> str:
    return str(resource("icons", name))


def user_data_dir() -> Path:
    """The plugin's folder in the user's QGIS profile."""
    from qgis.core import QgsApplication

    return Path(QgsApplication.qgisSettingsDirPath()) / "kursk_tracker"
