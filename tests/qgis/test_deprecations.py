"""Deprecation warnings from the plugin's own calls fail the suite (QGIS 4 drops what QGIS 3 deprecates)."""

from __future__ import annotations

import pytest

DEPRECATED_CALL = (
    "from qgis.core import QgsCoordinateReferenceSystem\n"
    "QgsCoordinateReferenceSystem.fromProj4('+proj=longlat +datum=WGS84')\n"
)


def run_as_module(module: str) -> None:
    code = compile(DEPRECATED_CALL, module.replace(".", "/") + ".py", "exec")
    exec(code, {"__name__": module})  # the warning is attributed to this module name


def test_a_deprecated_qgis_call_in_plugin_code_is_an_error():
    with pytest.raises(DeprecationWarning, match="fromProj4"):
        run_as_module("kursk_tracker.core.deprecation_probe")


def test_a_deprecated_call_in_a_test_is_an_error_too():
    with pytest.raises(DeprecationWarning, match="fromProj4"):
        run_as_module("tests.deprecation_probe")


def test_deprecations_inside_other_libraries_are_theirs():
    run_as_module("some_library.module")  # ignored: not ours to fix
