"""frontatdate and changebetween through the Processing API and headless."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import shapely
from qgis.core import QgsVectorLayer

from kursk_tracker.core.change import held_by_side
from kursk_tracker.core.stats import area_km2
from kursk_tracker.store.sample import sample_series_path
from kursk_tracker.store.statistics import series_frames

from .conftest import QGIS_PROCESS
from .test_processing import _run


@pytest.fixture
def registry(plugin):
    from qgis.core import QgsApplication

    return QgsApplication.processingRegistry()


def _geometries(layer):
    return {
        (f["side"], f["status"]): shapely.from_wkb(bytes(f.geometry().asWkb())) for f in layer.getFeatures()
    }


def test_front_at_a_snapshot_instant_is_the_snapshot(registry, tmp_path):
    frames = series_frames(sample_series_path())
    snapshot = frames.snapshots()[9]
    out = tmp_path / "front.gpkg"
    _results, ok, feedback = _run(
        registry,
        "kursk_tracker:frontatdate",
        {"INPUT": str(sample_series_path()), "DATETIME": snapshot.valid_at.isoformat(), "OUTPUT": str(out)},
    )
    assert ok, feedback.errors
    written = _geometries(QgsVectorLayer(str(out), "front", "ogr"))
    stored = {k: g for k, g in frames.areas[snapshot.id].items() if not g.is_empty}
    assert set(written) == set(stored)
    for key, geometry in written.items():
        assert shapely.symmetric_difference(geometry, stored[key]).area < 1e-9


def test_front_between_snapshots_lies_between_them_and_writes_front_lines(registry, tmp_path):
    frames = series_frames(sample_series_path())
    before, after = frames.snapshots()[6:8]
    middle = before.valid_at + (after.valid_at - before.valid_at) / 2
    out, lines = tmp_path / "front.gpkg", tmp_path / "lines.geojson"
    _results, ok, feedback = _run(
        registry,
        "kursk_tracker:frontatdate",
        {
            "INPUT": str(sample_series_path()),
            "DATETIME": middle.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "TIMING": "linear",
            "OUTPUT": str(out),
            "FRONT_LINES": str(lines),
        },
    )
    assert ok, feedback.errors
    layer = QgsVectorLayer(str(out), "front", "ogr")
    assert {f["valid_at"] for f in layer.getFeatures()} == {middle.strftime("%Y-%m-%dT%H:%M:%SZ")}
    held = {side: area_km2(g) for side, g in held_by_side(_geometries(layer)).items()}
    for side in ("UA", "RU"):
        ends = [
            area_km2(held_by_side(frames.areas[s.id]).get(side, shapely.Polygon())) for s in (before, after)
        ]
        assert min(ends) - 0.01 <= held[side] <= max(ends) + 0.01
    assert {f["side"] for f in QgsVectorLayer(str(lines), "lines", "ogr").getFeatures()} == {"UA", "RU"}


def test_a_date_that_is_not_a_date_is_named(registry, tmp_path):
    _results, ok, feedback = _run(
        registry,
        "kursk_tracker:frontatdate",
        {"INPUT": str(sample_series_path()), "DATETIME": "29 Oktober", "OUTPUT": str(tmp_path / "x.gpkg")},
    )
    assert not ok
    assert any("29 Oktober" in e and "ISO 8601" in e for e in feedback.errors)


def test_change_between_two_snapshots_is_the_difference_of_held_ground(registry, tmp_path):
    frames = series_frames(sample_series_path())
    first, last = frames.snapshots()[4], frames.snapshots()[12]
    out = tmp_path / "change.gpkg"
    _results, ok, feedback = _run(
        registry,
        "kursk_tracker:changebetween",
        {
            "INPUT": str(sample_series_path()),
            "FROM": first.valid_at.isoformat(),
            "TO": last.valid_at.isoformat(),
            "OUTPUT": str(out),
        },
    )
    assert ok, feedback.errors
    rows = {(f["side"], f["kind"]): f for f in QgsVectorLayer(str(out), "c", "ogr").getFeatures()}
    before, after = held_by_side(frames.areas[first.id]), held_by_side(frames.areas[last.id])
    lost = area_km2(shapely.difference(before["UA"], after["UA"]))
    assert rows[("UA", "loss")]["area_km2"] == pytest.approx(lost, rel=0.005)
    gained = area_km2(shapely.difference(after["RU"], before.get("RU", shapely.Polygon())))
    assert rows[("RU", "gain")]["area_km2"] == pytest.approx(gained, rel=0.005)


@pytest.mark.skipif(QGIS_PROCESS is None, reason="qgis_process is not installed")
def test_both_run_headless_through_make_process(repo_root, tmp_path):
    site = next(p for p in sys.path if p.endswith("site-packages") and ".venv" in p)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=site)
    for args in (
        f"run kursk_tracker:frontatdate -- INPUT={sample_series_path()} "
        f"DATETIME=2024-10-26T12:00:00Z OUTPUT={tmp_path / 'front.geojson'}",
        f"run kursk_tracker:changebetween -- INPUT={sample_series_path()} "
        f"FROM=2024-09-03T20:00:00Z TO=2024-10-29T21:00:00Z OUTPUT={tmp_path / 'change.gpkg'}",
    ):
        run = subprocess.run(
            ["make", "--no-print-directory", "process", f"ARGS={args}"],
            cwd=repo_root,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert run.returncode == 0, run.stdout + run.stderr
    assert QgsVectorLayer(str(tmp_path / "front.geojson"), "f", "ogr").featureCount() >= 3
    assert QgsVectorLayer(str(tmp_path / "change.gpkg"), "c", "ogr").featureCount() >= 2
