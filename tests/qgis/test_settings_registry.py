"""The settings registry (toolbelt/settings.py): every stored setting, its key, type and default.

In real QgsSettings.
"""

from __future__ import annotations

import ast
from dataclasses import fields
from pathlib import Path

import pytest
from qgis.core import QgsSettings

from kursk_tracker.toolbelt.settings import (
    PREFIX,
    REGISTRY,
    AnimationSettings,
    ExportSettings,
    ImportSettings,
    OnlineSettings,
    PluginSettings,
    TimelineSettings,
    default_of,
)

PACKAGE = Path(__file__).resolve().parents[2] / "kursk_tracker"
REGISTRY_MODULE = "toolbelt/settings.py"
ALLOWED = {
    REGISTRY_MODULE: "the registry",
    "toolbelt/i18n.py": "QGIS's own language setting, read where only Qt may be imported",
}
SETTINGS_CLASSES = {"QgsSettings", "QSettings"}

KEYS = {
    "kursk_tracker/last_series_folder",
    "kursk_tracker/last_postgis_connection",
    "kursk_tracker/last_postgis_schema",
    "kursk_tracker/timeline_step",
    "kursk_tracker/timeline_speed",
    "kursk_tracker/timeline_loop",
    "kursk_tracker/docks_arranged",
    "kursk_tracker/timeline/preview_timing",
    "kursk_tracker/timeline/show_chart",
    "kursk_tracker/timeline/compacted",
    "kursk_tracker/import/side_mapping",
    "kursk_tracker/import/kind_mapping",
    "kursk_tracker/export/template",
    "kursk_tracker/export/template_file",
    "kursk_tracker/export/format",
    "kursk_tracker/export/width_px",
    "kursk_tracker/export/dpi",
    "kursk_tracker/export/folder",
    "kursk_tracker/animation/fps",
    "kursk_tracker/animation/step_hours",
    "kursk_tracker/animation/hold_seconds",
    "kursk_tracker/animation/width",
    "kursk_tracker/animation/height",
    "kursk_tracker/animation/format",
    "kursk_tracker/animation/use_layout",
    "kursk_tracker/animation/folder",
    "kursk_tracker/animation/timing",
    "kursk_tracker/web/single_file",
    "kursk_tracker/web/basemap_url",
    "kursk_tracker/web/folder",
    "kursk_tracker/online/base_url",
    "kursk_tracker/online/every",
    "kursk_tracker/online/at_time",
    "kursk_tracker/online/area_of_interest",
    "kursk_tracker/online/check_on_open",
    "kursk_tracker/online/last_checks",
    "kursk_tracker/online/cache_mb",
}
"""The keys users have settings under: a changed key loses them unless the old value is carried over."""


@pytest.fixture
def clean_settings(qgis_app):
    """No plugin settings during the test; the ones there before are put back afterwards."""
    store = QgsSettings()
    store.beginGroup(PREFIX)
    before = {key: store.value(key) for key in store.allKeys()}
    store.endGroup()
    store.remove(PREFIX)
    yield
    store.remove(PREFIX)
    for key, value in before.items():
        store.setValue(f"{PREFIX}/{key}", value)


def other_value(default):
    """A value of the default's type that is not the default."""
    if isinstance(default, bool):
        return not default
    if isinstance(default, int):
        return default + 7
    if isinstance(default, float):
        return default + 2.5
    if isinstance(default, dict):
        return {"ua": "Ukraine", "zsu": "UA"}
    return default + "-other"


def all_keys() -> set[str]:
    return {group.key(item.name) for group in REGISTRY for item in fields(group)}


def test_every_setting_is_declared_once_under_the_keys_users_have():
    keys = [group.key(item.name) for group in REGISTRY for item in fields(group)]
    assert len(keys) == len(set(keys))
    assert set(keys) == KEYS


def test_every_setting_declares_the_type_of_its_default():
    for group in REGISTRY:
        for item in fields(group):
            default = default_of(item)
            assert type(default) in (str, int, float, bool, dict), item.name
            assert str(item.type).startswith(type(default).__name__), (group.__name__, item.name, item.type)


def test_unset_settings_read_as_their_defaults_with_their_types(clean_settings):
    for group in REGISTRY:
        loaded = group.load()
        for item in fields(group):
            value, default = getattr(loaded, item.name), default_of(item)
            assert value == default and type(value) is type(default), (group.__name__, item.name, value)


def test_the_defaults_stay_as_they_were(clean_settings):
    assert PluginSettings.load() == PluginSettings("", "", "", 2, 1, False, False)
    assert TimelineSettings.load() == TimelineSettings("linear", True, False)
    assert ImportSettings.load() == ImportSettings({}, {})
    assert ExportSettings.load() == ExportSettings("web", "", "png", 1600, 150, "")
    assert AnimationSettings.load() == AnimationSettings(10, 24, 1.0, 1280, 720, "gif", False, "", "linear")
    assert OnlineSettings.load() == OnlineSettings(
        "https://deepstatemap.live", "day", "22:00", "", True, {}, 500
    )


def test_every_setting_round_trips_with_its_type(clean_settings):
    for group in REGISTRY:
        changed = group.load()
        for item in fields(group):
            if item.metadata.get("choices"):
                value = next(c for c in item.metadata["choices"] if c != default_of(item))
            else:
                value = other_value(default_of(item))
            setattr(changed, item.name, value)
        changed.save()
        loaded = group.load()
        assert loaded == changed, group.__name__
        for item in fields(group):
            assert type(getattr(loaded, item.name)) is type(default_of(item)), (group.__name__, item.name)


def test_update_writes_only_the_settings_named(clean_settings):
    TimelineSettings.update(show_chart=False)
    store = QgsSettings()
    assert store.contains("kursk_tracker/timeline/show_chart")
    assert not store.contains("kursk_tracker/timeline/compacted")
    assert TimelineSettings.load() == TimelineSettings("linear", False, False)
    with pytest.raises(KeyError):
        TimelineSettings.update(no_such_setting=1)


def test_values_stored_by_hand_or_by_older_versions_read_with_the_right_type(clean_settings):
    store = QgsSettings()
    store.setValue("kursk_tracker/export/dpi", "300")
    store.setValue("kursk_tracker/animation/width", "wide")
    store.setValue("kursk_tracker/animation/hold_seconds", "0.5")
    store.setValue("kursk_tracker/timeline/preview_timing", "bouncy")
    store.setValue("kursk_tracker/timeline/show_chart", "false")
    store.setValue("kursk_tracker/import/side_mapping", '{"ZSU": "UA", "n": 3}')
    store.setValue("kursk_tracker/import/kind_mapping", "{not json")
    assert ExportSettings.load().dpi == 300
    animation = AnimationSettings.load()
    assert animation.width == 1280 and animation.hold_seconds == 0.5
    timeline = TimelineSettings.load()
    assert timeline.preview_timing == "linear" and timeline.show_chart is False
    assert ImportSettings.load() == ImportSettings({"ZSU": "UA", "n": "3"}, {})


def test_the_import_mappings_stay_json_text_as_before(clean_settings):
    ImportSettings.update(side_mapping={"zsu": "UA", "rf": "RU"})
    assert QgsSettings().value("kursk_tracker/import/side_mapping") == '{"rf": "RU", "zsu": "UA"}'


def test_the_export_language_is_not_stored():
    """It starts at QGIS's language each session (gui/export_dock.py)."""
    assert not any("lang" in key for key in KEYS)


# Nothing outside the registry touches QgsSettings ---------------------------------------------------


def settings_uses(source: str) -> list[int]:
    """Lines of `source` that name QgsSettings or QSettings (a call, an import or an alias)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        named = (
            node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None
        )
        imported = isinstance(node, ast.ImportFrom) and any(a.name in SETTINGS_CLASSES for a in node.names)
        if named in SETTINGS_CLASSES or imported:
            lines.append(node.lineno)
    return sorted(set(lines))


def test_no_module_outside_the_registry_touches_qgssettings():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if name not in ALLOWED:
            found += [f"{name}:{line}" for line in settings_uses(path.read_text(encoding="utf-8"))]
    assert not found, "settings are read and written through toolbelt/settings.py: " + ", ".join(found)
    assert settings_uses((PACKAGE / REGISTRY_MODULE).read_text(encoding="utf-8"))


def test_the_scan_finds_every_way_of_reaching_qgssettings():
    assert settings_uses("from qgis.core import QgsSettings\nQgsSettings().value('a')\n") == [1, 2]
    assert settings_uses("import qgis.core\nqgis.core.QgsSettings().setValue('a', 1)\n") == [2]
    assert settings_uses("from qgis.PyQt.QtCore import QSettings as S\nS()\n") == [1]
    inside = "def f():\n    from qgis.core import QgsSettings\n    return QgsSettings()\n"
    assert settings_uses(inside) == [2, 3]
    assert settings_uses("settings = load()\nsettings.value('a')\n") == []


def test_the_language_module_reads_only_qgis_own_locale():
    tree = ast.parse((PACKAGE / "toolbelt/i18n.py").read_text(encoding="utf-8"))
    keys = [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("value", "setValue", "remove")
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]
    assert keys and all(key.startswith("locale/") for key in keys), keys
