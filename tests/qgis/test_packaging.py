"""The plugin-repository zip follows the repository's rules and installs in QGIS."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from .conftest import QGIS_PROCESS, qgis_process_profile


@pytest.fixture(scope="module")
def plugin_zip() -> Path:
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        ["make", "--no-print-directory", "zip"], cwd=root, check=True, capture_output=True, text=True
    )
    path = root / result.stdout.strip().splitlines()[-1]
    assert path.is_file()
    return path


def test_zip_holds_one_top_folder_named_like_the_package(plugin_zip):
    names = zipfile.ZipFile(plugin_zip).namelist()
    assert {name.split("/")[0] for name in names} == {"kursk_tracker"}
    for required in (
        "__init__.py",
        "metadata.txt",
        "LICENSE",
        "plugin.py",
        "i18n/kursk_tracker_de.qm",
        "resources/sample/kursk_sample.gpkg",
        "resources/icons/kursk_tracker.svg",
    ):
        assert f"kursk_tracker/{required}" in names, required


def test_zip_holds_nothing_the_repository_refuses(plugin_zip):
    names = zipfile.ZipFile(plugin_zip).namelist()
    refused = [
        n
        for n in names
        if "__pycache__" in n
        or n.endswith(".pyc")
        or "/.git" in n
        or "/tests/" in n
        or "/.venv" in n
        or n.endswith(".ts")
    ]
    assert refused == []


def test_zip_metadata_is_the_checkouts(plugin_zip, repo_root):
    with zipfile.ZipFile(plugin_zip) as archive:
        packed = archive.read("kursk_tracker/metadata.txt").decode("utf-8")
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(packed)
    assert parser["general"]["version"] in plugin_zip.name
    assert packed == (repo_root / "metadata.txt").read_text(encoding="utf-8")


@pytest.mark.skipif(QGIS_PROCESS is None, reason="qgis_process is not installed")
def test_installed_zip_gives_qgis_process_the_provider(plugin_zip, tmp_path):
    env = qgis_process_profile(tmp_path, zipfile.ZipFile(plugin_zip).extractall, with_venv=False)
    plugins = tmp_path / "profiles" / "default" / "python" / "plugins"
    sample = plugins / "kursk_tracker" / "resources" / "sample" / "kursk_sample.gpkg"
    out = tmp_path / "snapshots.csv"
    result = subprocess.run(
        [QGIS_PROCESS, "run", "kursk_tracker:listsnapshots", "--", f"INPUT={sample}", f"OUTPUT={out}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "id,valid_at,date,week,title,source"
    assert len(lines) > 10


def _scan(zip_path: Path):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
    try:
        import scan_zip
    finally:
        sys.path.pop(0)
    return scan_zip.scan(zip_path)


def test_the_repositorys_upload_scan_finds_nothing_in_the_zip(plugin_zip):
    report = _scan(plugin_zip)
    assert report.bandit == []
    assert report.secrets == []
    assert report.files == []


def test_the_upload_scan_would_catch_what_the_repository_blocks(plugin_zip, tmp_path):
    """The scan is not blind: a zip with a shell call, a key and a script in it fails."""
    bad = tmp_path / "bad.zip"
    shutil.copy(plugin_zip, bad)
    with zipfile.ZipFile(bad, "a") as archive:
        archive.writestr(
            "kursk_tracker/core/shell.py",
            "import subprocess\n\n\ndef run(text):\n    return subprocess.call(text, shell=True)\n",
        )
        archive.writestr(
            "kursk_tracker/resources/keys.json", '{"aws_access_key_id": "AKIAIOSFODNN7EXAMPLF"}\n'
        )
        archive.writestr("kursk_tracker/install.sh", "echo hi\n")
    report = _scan(bad)
    assert any("shell.py" in f and "B602" in f for f in report.bandit), report.bandit
    assert any("keys.json" in f for f in report.secrets), report.secrets
    assert any("install.sh" in f for f in report.files), report.files


def test_zip_is_well_under_the_repositorys_size_limit(plugin_zip):
    assert plugin_zip.stat().st_size < 5_000_000  # the repository takes up to 25 MB
