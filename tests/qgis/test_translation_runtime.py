"""In a German QGIS the plugin speaks German."""

from __future__ import annotations

from qgis.core import QgsSettings

from kursk_tracker.toolbelt.i18n import install_translator, remove_translator, tr


def test_german_locale_installs_the_compiled_translation(repo_root):
    assert (repo_root / "i18n" / "kursk_tracker_de.qm").is_file(), "make translations builds it"
    settings = QgsSettings()
    old = settings.value("locale/userLocale", ""), settings.value("locale/overrideFlag", False)
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "de_DE")
    translator = install_translator()
    try:
        assert translator is not None
        assert tr("Open sample series") == "Beispielserie öffnen"
        assert tr("week {n}").format(n=12) == "12. Woche"
    finally:
        remove_translator(translator)
        settings.setValue("locale/userLocale", old[0])
        settings.setValue("locale/overrideFlag", old[1])
    assert tr("Open sample series") == "Open sample series"


def test_reloading_a_german_plugin_ten_times_leaves_no_translator_behind(iface):
    import kursk_tracker

    settings = QgsSettings()
    old = settings.value("locale/userLocale", ""), settings.value("locale/overrideFlag", False)
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "de_DE")
    try:
        for _ in range(10):
            instance = kursk_tracker.classFactory(iface)
            instance.initGui()
            assert tr("Open sample series") == "Beispielserie öffnen"
            instance.unload()
            assert tr("Open sample series") == "Open sample series"
    finally:
        settings.setValue("locale/userLocale", old[0])
        settings.setValue("locale/overrideFlag", old[1])
