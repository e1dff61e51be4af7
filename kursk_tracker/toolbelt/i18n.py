"""Translation: one context for the whole plugin, the translator installed once.

Strings are marked with the bare function `tr("…")`, which pylupdate5
extracts under the context "@default"; `tr` translates in that same context.
Use `tr("Frame {n}").format(n=n)`, never an f-string inside `tr`.
"""

from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

from ..core.text import tr
from ..core.timefmt import language_of
from .paths import i18n_dir

__all__ = ["current_language", "install_translator", "qgis_locale", "remove_translator", "tr"]


def qgis_locale() -> str:
    """The locale QGIS runs in ("de_DE"), as the user set it or the system's."""
    from qgis.core import QgsSettings  # here, so the chart and dialogs import with Qt alone

    settings = QgsSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        return str(settings.value("locale/userLocale", "") or QLocale().name())
    return str(settings.value("locale/userLocale", "") or QLocale().name())


def current_language() -> str:
    """ "de" or "en": the language for dates and titles."""
    return language_of(qgis_locale())


def install_translator() -> QTranslator | None:
    """Install the translation for QGIS's locale; returns it to remove later."""
    qm = i18n_dir() / f"kursk_tracker_{current_language()}.qm"
    if not qm.exists():
        return None
    translator = QTranslator()
    if not translator.load(str(qm)):
        return None
    QCoreApplication.installTranslator(translator)
    return translator


def remove_translator(translator: QTranslator | None) -> None:
    if translator is not None:
        QCoreApplication.removeTranslator(translator)
