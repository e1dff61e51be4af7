"""`make run`'s profile: KT_LOCALE=de starts QGIS in German once; a plain run follows the system again."""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _write(ini: Path, locale: str | None) -> configparser.ConfigParser:
    env = {k: v for k, v in os.environ.items() if k != "KT_LOCALE"}
    if locale:
        env["KT_LOCALE"] = locale
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "profile_settings.py"), str(ini)],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ini)
    return parser


def test_a_german_run_does_not_stick_to_the_next_plain_run(tmp_path):
    ini = tmp_path / "QGIS3.ini"
    german = _write(ini, "de")
    assert german["locale"]["overrideFlag"] == "true" and german["locale"]["userLocale"] == "de"
    plain = _write(ini, None)
    assert plain["locale"]["overrideFlag"] == "false"
    assert "userLocale" not in plain["locale"]
    assert plain["PythonPlugins"]["kursk_tracker"] == "true"
