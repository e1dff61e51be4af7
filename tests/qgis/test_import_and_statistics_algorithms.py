"""importseries and seriesstatistics through the Processing API and through qgis_process."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsDistanceArea,
    QgsGeometry,
    QgsProject,
    QgsVectorLayer,
)

from kursk_tracker.store.gpkg import read_series
from kursk_tracker.store.sample import sample_series_path

from .conftest import QGIS_PROCESS, qgis_process_profile, staged_plugin
from .test_processing import _run


@pytest.fixture
def registry(plugin):
    from qgis.core import QgsApplication

    return QgsApplication.processingRegistry()


def _qgis_area_km2(geometry: QgsGeometry) -> float:
    measure = QgsDistanceArea()
    measure.setSourceCrs(QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance().transformContext())
    measure.setEllipsoid("WGS84")
    return measure.measureArea(geometry) / 1e6


def test_import_a_series_geopackage_into_a_new_series_clipped_to_an_area(registry, tmp_path):
    out = tmp_path / "clipped.gpkg"
    results, ok, feedback = _run(
        registry,
        "kursk_tracker:importseries",
        {
            "INPUT": [str(sample_series_path())],
            "FORMAT": "gpkg",
            "AREA_OF_INTEREST": "35.2,35.6,51.0,51.6 [EPSG:4326]",
            "NAME": "Test front",
            "OUTPUT": str(out),
        },
    )
    assert ok, feedback.errors
    assert results["ADDED"] == len(read_series(sample_series_path()).snapshots)
    series = read_series(out)
    assert series.name("en") == "Test front"
    areas = QgsVectorLayer(f"{out}|layername=areas", "areas", "ogr")
    extent = areas.extent()
    assert extent.xMinimum() >= 35.2 - 1e-9 and extent.xMaximum() <= 35.6 + 1e-9


def test_importing_the_same_dates_again_adds_nothing_and_loses_nothing(registry, tmp_path):
    out = tmp_path / "series.gpkg"
    shutil.copyfile(sample_series_path(), out)
    before = read_series(out)
    results, ok, _feedback = _run(
        registry,
        "kursk_tracker:importseries",
        {"INPUT": [str(sample_series_path())], "FORMAT": "auto", "OUTPUT": str(out)},
    )
    assert ok
    assert results["ADDED"] == 0 and results["SKIPPED"] == len(before.snapshots)
    assert read_series(out) == before


def test_a_missing_input_is_named_and_nothing_is_written(registry, tmp_path):
    out = tmp_path / "series.gpkg"
    missing = tmp_path / "nowhere" / "2024-10-29.geojson"
    _results, ok, feedback = _run(
        registry,
        "kursk_tracker:importseries",
        {"INPUT": [str(missing)], "FORMAT": "auto", "OUTPUT": str(out)},
    )
    assert not ok
    assert any(str(missing) in e for e in feedback.errors)
    assert not out.exists()


def test_statistics_agree_with_qgis_own_ellipsoidal_measure(registry, tmp_path):
    out = tmp_path / "stats.csv"
    _results, ok, feedback = _run(
        registry, "kursk_tracker:seriesstatistics", {"INPUT": str(sample_series_path()), "OUTPUT": str(out)}
    )
    assert ok, feedback.errors
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["valid_at", "week", "side", "status", "area_km2", "change_km2"]
    series = read_series(sample_series_path())
    areas = QgsVectorLayer(f"{sample_series_path()}|layername=areas", "areas", "ogr")
    by_key = {}
    for feature in areas.getFeatures():
        snapshot = next(s for s in series.snapshots if s.id == feature["snapshot_id"])
        key = (series.week_of(snapshot.valid_at), feature["side"], feature["status"])
        by_key[key] = by_key.get(key, 0.0) + _qgis_area_km2(feature.geometry())
    checked = 0
    for row in rows:
        key = (int(row["week"]), row["side"], row["status"])
        if key in by_key and by_key[key] > 1:
            assert float(row["area_km2"]) == pytest.approx(by_key[key], rel=0.005)
            checked += 1
    assert checked >= len(series.snapshots)

    def ua_controlled(week: str) -> dict:
        return next(
            r for r in rows if r["week"] == week and r["side"] == "UA" and r["status"] == "controlled"
        )

    assert float(ua_controlled("12")["change_km2"]) == pytest.approx(
        float(ua_controlled("12")["area_km2"]) - float(ua_controlled("11")["area_km2"]), abs=1e-3
    )


@pytest.mark.skipif(QGIS_PROCESS is None, reason="qgis_process is not installed")
def test_import_and_statistics_run_headless_through_qgis_process(tmp_path, repo_root):
    staged = staged_plugin(repo_root)
    env = qgis_process_profile(tmp_path, lambda plugins: (plugins / "kursk_tracker").symlink_to(staged))
    series = tmp_path / "series.gpkg"
    run = subprocess.run(
        [
            QGIS_PROCESS,
            "run",
            "kursk_tracker:importseries",
            "--",
            f"INPUT={sample_series_path()}",
            "FORMAT=gpkg",
            "AREA_OF_INTEREST=34.0,36.2,50.95,51.9 [EPSG:4326]",
            f"OUTPUT={series}",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    stats = tmp_path / "stats.csv"
    run = subprocess.run(
        [QGIS_PROCESS, "run", "kursk_tracker:seriesstatistics", "--", f"INPUT={series}", f"OUTPUT={stats}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert Path(stats).read_text(encoding="utf-8").startswith("valid_at,week,side,status,area_km2,change_km2")


@pytest.mark.skipif(QGIS_PROCESS is None, reason="qgis_process is not installed")
def test_deepstate_snapshots_import_headless_with_the_readme_parameters(tmp_path, repo_root):
    """The command of the README: FORMAT=deepstate, the Kursk area of interest, a new series."""
    import datetime as dt

    from kursk_tracker.core.stats import area_km2
    from tests.deepstate_fixtures import kursk_salient, unix_name, write_deepstate_file

    folder = tmp_path / "deepstate"
    folder.mkdir()
    salients = {}
    for day in range(3):
        instant = dt.datetime(2024, 10, 27 + day, 21, tzinfo=dt.timezone.utc)
        salients[instant] = kursk_salient(day=day)
        write_deepstate_file(folder / unix_name(instant), instant, salient=salients[instant], size_kb=150)
    site = next(p for p in sys.path if p.endswith("site-packages") and ".venv" in p)
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=site,
        QGIS_CUSTOM_CONFIG_PATH=str(repo_root / "build" / "profiles"),
    )
    series = tmp_path / "series.gpkg"
    run = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "process",
            f"ARGS=run kursk_tracker:importseries -- INPUT={folder} FORMAT=deepstate "
            f'AREA_OF_INTEREST="34.0,36.2,50.95,51.9 [EPSG:4326]" OUTPUT={series}',
        ],
        cwd=repo_root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    imported = read_series(series)
    assert [s.valid_at for s in imported.sorted_snapshots()] == sorted(salients)
    areas = QgsVectorLayer(f"{series}|layername=areas", "areas", "ogr")
    for snapshot in imported.snapshots:
        held = [
            f
            for f in areas.getFeatures()
            if f["snapshot_id"] == snapshot.id and f["side"] == "UA" and f["status"] == "controlled"
        ]
        assert len(held) == 1
        expected = area_km2(salients[snapshot.valid_at])
        assert _qgis_area_km2(held[0].geometry()) == pytest.approx(expected, rel=0.005)
