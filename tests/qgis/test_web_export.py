"""Export → Web page: the algorithm kursk_tracker:exportweb, the writer's promises and the Export panel.

What the page does in a browser is tested in tests/web/ (real Chromium);
here: what gets written, where, when, and what a bad request is told.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QDockWidget

from kursk_tracker.export.web_data import WebExportError, WebOptions
from kursk_tracker.export.web_page import MANIFEST, PAGE_SCRIPTS, WebPageCancelledError, export_web_page
from kursk_tracker.store.operations import create_empty_series
from kursk_tracker.store.sample import sample_series_path

from .conftest import QGIS_PROCESS, qgis_process_profile, staged_plugin, wait_until
from .test_processing import _run

FOLDER_FILES = {
    "index.html",
    "data.js",
    *PAGE_SCRIPTS,
    "kursk_tracker.css",
    "vendor/leaflet/leaflet.js",
    "vendor/leaflet/leaflet.css",
    "vendor/leaflet/LICENSE",
}


@pytest.fixture
def registry(plugin):
    return QgsApplication.processingRegistry()


def page_data(path: Path) -> dict:
    """The data object a written page carries (data.js beside it, or inline)."""
    text = (path.parent / "data.js").read_text(encoding="utf-8") if path.name == "index.html" else ""
    if not text:
        text = path.read_text(encoding="utf-8")
    start = text.index("window.KurskTrackerData = ") + len("window.KurskTrackerData = ")
    return json.loads(text[start : text.index(";\n", start)].replace("<\\/", "</"))


def files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def test_the_algorithm_writes_the_page_with_its_files_in_a_folder(registry, tmp_path):
    out = tmp_path / "page"
    results, ok, feedback = _run(
        registry,
        "kursk_tracker:exportweb",
        {"INPUT": str(sample_series_path()), "OUTPUT": str(out), "LANGUAGE": "de", "TIMING": "linear"},
    )
    assert ok, feedback.errors
    assert files_under(out) == FOLDER_FILES | {MANIFEST}
    assert Path(results["OUTPUT"]) == out / "index.html"
    assert results["SNAPSHOTS"] == 15
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in page and '<script src="data.js"></script>' in page
    data = page_data(out / "index.html")
    assert data["language"] == "de" and data["pairs"][0]["timing"] == "linear"
    # The context in the house style's colours: oblasts as grey outlines only, countries filled.
    assert data["context"]["styles"]["oblasts"] == {"fill": "", "stroke": "#c4c4c0", "stroke_width": 0.76}
    assert data["context"]["styles"]["countries"]["fill"] == "#efefec"
    assert {o["name"] for o in data["context"]["oblasts"]} >= {"Kursk", "Sumy"}
    assert any(s["date_text"] == "29. Oktober 2024, 22:00 MEZ" for s in data["snapshots"])
    # The map library travels with its licence; the whole page stays small.
    assert "BSD" in (out / "vendor/leaflet/LICENSE").read_text(encoding="utf-8")
    size = sum((out / name).stat().st_size for name in FOLDER_FILES)
    assert size == results["BYTES"] and size < 1.5e6


@pytest.mark.skipif(QGIS_PROCESS is None, reason="qgis_process is not installed")
def test_qgis_process_writes_one_self_contained_file(repo_root, tmp_path):
    staged = staged_plugin(repo_root)
    env = qgis_process_profile(tmp_path, lambda plugins: (plugins / "kursk_tracker").symlink_to(staged))
    target = tmp_path / "out" / "kursk.html"
    run = subprocess.run(
        [
            QGIS_PROCESS,
            "run",
            "kursk_tracker:exportweb",
            "--",
            f"INPUT={sample_series_path()}",
            f"OUTPUT={target}",
            "LANGUAGE=en",
            "SINGLE_FILE=true",
            "FROM=2024-09-01T00:00:00Z",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert files_under(tmp_path / "out") == {"kursk.html"}
    page = target.read_text(encoding="utf-8")
    assert "<script src=" not in page and "<link" not in page
    # The map library's licence travels inside the one file.
    assert "Redistribution and use in source and binary forms" in page
    data = page_data(target)
    assert data["language"] == "en"
    assert data["snapshots"][0]["iso"] >= "2024-09-01"
    assert len(data["snapshots"]) == len(data["pairs"]) + 1


def test_bad_requests_are_told_what_is_wrong_and_nothing_is_written(tmp_path):
    empty = create_empty_series(tmp_path / "empty.gpkg")
    with pytest.raises(WebExportError, match="no snapshots"):
        export_web_page(empty, tmp_path / "a", WebOptions())
    sample = sample_series_path()
    one = WebOptions(start=_utc("2024-10-29T21:00:00Z"), end=_utc("2024-10-30T00:00:00Z"))
    with pytest.raises(WebExportError, match="Only one snapshot"):
        export_web_page(sample, tmp_path / "b", one)
    none = WebOptions(start=_utc("2024-10-30T00:00:00Z"), end=_utc("2024-11-01T00:00:00Z"))
    with pytest.raises(WebExportError, match="No snapshot lies between"):
        export_web_page(sample, tmp_path / "c", none)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(WebExportError, match="cannot be written"):
        export_web_page(sample, blocker / "page", WebOptions())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "empty.gpkg"]


def test_a_cancelled_export_leaves_the_page_there_before_untouched(tmp_path):
    out = tmp_path / "page"
    out.mkdir()
    (out / "index.html").write_text("the page of last week")
    (out / "notes.txt").write_text("the user's own file")
    seen: list[float] = []
    with pytest.raises(WebPageCancelledError):
        export_web_page(sample_series_path(), out, WebOptions(), False, seen.append, lambda: len(seen) > 8)
    assert files_under(out) == {"index.html", "notes.txt"}
    assert (out / "index.html").read_text() == "the page of last week"
    # Written again to completion: the page replaces the old one, the user's file stays.
    export_web_page(sample_series_path(), out, WebOptions(language="en"))
    assert files_under(out) == FOLDER_FILES | {"notes.txt", MANIFEST}
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == [MANIFEST]
    # A file an earlier export wrote and this one no longer has goes; the user's stays.
    (out / "kursk_tracker.js").write_text("an older export's script")
    (out / MANIFEST).write_text((out / MANIFEST).read_text() + "kursk_tracker.js\n../notes-outside.txt\n")
    (tmp_path / "notes-outside.txt").write_text("outside the page's folder")
    export_web_page(sample_series_path(), out, WebOptions(language="en"))
    assert files_under(out) == FOLDER_FILES | {"notes.txt", MANIFEST}
    assert (tmp_path / "notes-outside.txt").exists()


def _utc(text: str):
    from kursk_tracker.core.timefmt import parse_utc

    return parse_utc(text)


@pytest.fixture
def web_panel(plugin, iface):
    plugin.open_sample_series()
    dock = iface.mainWindow().findChild(QDockWidget, "KurskTrackerExportDock")
    yield dock.web_panel, dock
    dock.web_panel.shutdown()


def test_the_export_panel_writes_the_page_in_the_background_in_the_chosen_language(web_panel, tmp_path):
    panel, dock = web_panel
    dock.language_combo.setCurrentIndex(dock.language_combo.findData("de"))
    written: list[str] = []
    panel.pageWritten.connect(written.append)
    assert panel.export_to(str(tmp_path / "seite"))
    # Started, not done: the panel shows progress and Cancel meanwhile.
    assert panel.progress.isVisibleTo(panel) and panel.cancel_button.isVisibleTo(panel)
    assert not panel.export_button.isEnabled()
    assert wait_until(lambda: panel.task is None, 120)
    assert written == [str(tmp_path / "seite" / "index.html")]
    assert page_data(tmp_path / "seite" / "index.html")["language"] == "de"
    assert "Web page written" in panel.status.full_text() and panel.open_button.isVisibleTo(panel)
    assert not panel.progress.isVisibleTo(panel) and panel.export_button.isEnabled()


def test_cancel_in_the_panel_writes_nothing(web_panel, tmp_path):
    panel, _dock = web_panel
    panel.single_file_check.setChecked(True)
    assert panel.export_to(str(tmp_path / "seite.html"))
    panel.cancel()
    assert wait_until(lambda: panel.task is None, 120)
    assert list(tmp_path.iterdir()) == []
    assert "nothing was written" in panel.status.full_text()
