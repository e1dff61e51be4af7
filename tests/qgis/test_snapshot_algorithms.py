"""redatesnapshot and removesnapshot through the Processing API and qgis_process, on a GeoPackage and on
PostGIS: the same result as the Situation panel's functions, and the same refusals.

Real GeoPackage copies of the sample series and the private server of tests/postgis_server.py; nothing
is mocked.
"""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from qgis.core import QgsApplication

from kursk_tracker.core.timefmt import iso_utc
from kursk_tracker.store.backend import open_store, postgis_location
from kursk_tracker.store.operations import copy_series, redate_snapshot, remove_snapshot
from kursk_tracker.store.sample import sample_series_path, sample_working_copy

from .conftest import QGIS_PROCESS, other_user_deletes_a_feature, qgis_process_profile, staged_plugin
from .test_processing import _run

UTC = dt.timezone.utc


@pytest.fixture
def registry(plugin):
    return QgsApplication.processingRegistry()


def _postgis_series(connection: str, schema: str) -> str:
    location = postgis_location(schema, connection=connection)
    copy_series(sample_series_path(), location, replace=True)
    return location


@pytest.fixture(params=["gpkg", "postgis"])
def two_series(request, tmp_path):
    """Two equal copies of the sample series on one back end: one for the algorithm, one for the panel's
    functions."""
    if request.param == "gpkg":
        return [str(sample_working_copy(tmp_path / name)) for name in ("algorithm", "panel")]
    connection = request.getfixturevalue("connection_name")
    stem = "snap_" + request.node.name.split("[")[0].removeprefix("test_")[:30].lower()
    return [_postgis_series(connection, f"{stem}_{name}") for name in ("algorithm", "panel")]


@pytest.fixture
def one_series(two_series):
    return two_series[0]


def _state(location: str):
    """What a change can touch: the snapshots and the features of each, as stored."""
    store = open_store(location)
    series = store.read_series()
    return sorted(series.snapshots, key=lambda s: s.id), store.feature_counts()


def _snapshot(location: str, index: int):
    return open_store(location).read_series().sorted_snapshots()[index]


def test_redate_gives_the_same_series_as_the_panels_function(registry, two_series):
    by_algorithm, by_panel = two_series
    snapshot = _snapshot(by_algorithm, 4)
    moved = snapshot.valid_at + dt.timedelta(days=1, hours=3)
    results, ok, feedback = _run(
        registry,
        "kursk_tracker:redatesnapshot",
        {
            "INPUT": by_algorithm,
            "SNAPSHOT": str(snapshot.id),
            "DATETIME": moved.strftime("%Y-%m-%dT%H:%M:%S"),
        },
    )
    assert ok, feedback.errors
    redate_snapshot(by_panel, snapshot.id, moved, open_store(by_panel).snapshot_versions().get(snapshot.id))
    assert _state(by_algorithm) == _state(by_panel)
    assert results["SNAPSHOT_ID"] == snapshot.id
    assert results["DATETIME"] == iso_utc(moved)
    assert results["PREVIOUS_DATETIME"] == iso_utc(snapshot.valid_at)
    moved_there = {s.id: s.valid_at for s in open_store(by_algorithm).read_series().snapshots}[snapshot.id]
    assert moved_there == moved
    if by_algorithm.startswith("postgis:"):
        assert results["VERSION"] == open_store(by_algorithm).snapshot_versions()[snapshot.id].version > 1
    else:
        assert results["VERSION"] == 0


def test_redate_finds_the_snapshot_by_its_instant_and_reads_a_zone(registry, one_series):
    snapshot = _snapshot(one_series, 2)
    results, ok, feedback = _run(
        registry,
        "kursk_tracker:redatesnapshot",
        {
            "INPUT": one_series,
            "SNAPSHOT": iso_utc(snapshot.valid_at),
            "DATETIME": "2024-08-20T12:30:00+02:00",
        },
    )
    assert ok, feedback.errors
    assert results["SNAPSHOT_ID"] == snapshot.id
    assert results["DATETIME"] == "2024-08-20T10:30:00Z"


def test_remove_gives_the_same_series_as_the_panels_function(registry, two_series):
    by_algorithm, by_panel = two_series
    snapshot = _snapshot(by_algorithm, 6)
    features = open_store(by_algorithm).feature_counts()[snapshot.id]
    assert features > 0
    results, ok, feedback = _run(
        registry,
        "kursk_tracker:removesnapshot",
        {"INPUT": by_algorithm, "SNAPSHOT": iso_utc(snapshot.valid_at)},
    )
    assert ok, feedback.errors
    remove_snapshot(by_panel, snapshot.id, open_store(by_panel).snapshot_versions().get(snapshot.id))
    assert _state(by_algorithm) == _state(by_panel)
    assert snapshot.id not in {s.id for s in open_store(by_algorithm).read_series().snapshots}
    assert snapshot.id not in open_store(by_algorithm).feature_counts()
    assert (results["SNAPSHOT_ID"], results["DATETIME"], results["FEATURES"]) == (
        snapshot.id,
        iso_utc(snapshot.valid_at),
        features,
    )


def test_a_date_another_snapshot_has_is_refused_naming_series_and_date(registry, one_series):
    before = _state(one_series)
    first, second = _snapshot(one_series, 1), _snapshot(one_series, 2)
    _results, ok, feedback = _run(
        registry,
        "kursk_tracker:redatesnapshot",
        {"INPUT": one_series, "SNAPSHOT": str(first.id), "DATETIME": iso_utc(second.valid_at)},
    )
    assert not ok
    where = open_store(one_series).describe()
    assert any(where in e and iso_utc(second.valid_at) in e and "already has" in e for e in feedback.errors)
    assert _state(one_series) == before


@pytest.mark.parametrize("algorithm", ["redatesnapshot", "removesnapshot"])
def test_an_unknown_snapshot_is_refused_naming_the_series(registry, one_series, algorithm):
    before = _state(one_series)
    where = open_store(one_series).describe()
    for wanted in ("9999", "2023-01-01T00:00:00Z"):
        _results, ok, feedback = _run(
            registry,
            f"kursk_tracker:{algorithm}",
            {"INPUT": one_series, "SNAPSHOT": wanted, "DATETIME": "2024-12-01T00:00:00Z"},
        )
        assert not ok
        assert any(where in e and f"no snapshot {wanted}" in e for e in feedback.errors), feedback.errors
    _results, ok, feedback = _run(
        registry,
        f"kursk_tracker:{algorithm}",
        {"INPUT": one_series, "SNAPSHOT": "week 3", "DATETIME": "2024-12-01T00:00:00Z"},
    )
    assert not ok and any("neither a snapshot id nor" in e for e in feedback.errors)
    assert _state(one_series) == before


def test_a_bad_new_date_is_refused(registry, one_series):
    before = _state(one_series)
    _results, ok, feedback = _run(
        registry,
        "kursk_tracker:redatesnapshot",
        {"INPUT": one_series, "SNAPSHOT": str(_snapshot(one_series, 0).id), "DATETIME": "next Tuesday"},
    )
    assert not ok and any("next Tuesday" in e and "ISO 8601" in e for e in feedback.errors)
    assert _state(one_series) == before


@pytest.mark.parametrize("algorithm", ["redatesnapshot", "removesnapshot"])
def test_a_missing_series_is_named(registry, tmp_path, connection_name, algorithm):
    missing_schema = postgis_location("no_series_here", connection=connection_name)
    for location in (str(tmp_path / "nowhere.gpkg"), missing_schema):
        _results, ok, feedback = _run(
            registry,
            f"kursk_tracker:{algorithm}",
            {"INPUT": location, "SNAPSHOT": "1", "DATETIME": "2024-12-01T00:00:00Z"},
        )
        assert not ok
        where = open_store(location).describe()
        assert any(where in e for e in feedback.errors), feedback.errors
    assert not (tmp_path / "nowhere.gpkg").exists()


def test_an_expected_version_on_a_geopackage_is_refused(registry, tmp_path):
    series = str(sample_working_copy(tmp_path))
    before = _state(series)
    _results, ok, feedback = _run(
        registry,
        "kursk_tracker:removesnapshot",
        {"INPUT": series, "SNAPSHOT": str(_snapshot(series, 0).id), "EXPECTED_VERSION": 1},
    )
    assert not ok and any("keeps no snapshot versions" in e for e in feedback.errors)
    assert _state(series) == before


# -- conflicts: another user changes the snapshot between read and write (PostGIS) --------------------


@pytest.fixture
def shared(connection_name):
    return _postgis_series(connection_name, "snap_conflict")


@pytest.mark.parametrize("algorithm", ["redatesnapshot", "removesnapshot"])
def test_a_snapshot_changed_by_someone_else_since_it_was_read_is_not_overwritten(
    registry, shared, postgis_server, algorithm
):
    snapshot = _snapshot(shared, 5)
    seen = open_store(shared).snapshot_versions()[snapshot.id].version
    other_user_deletes_a_feature(postgis_server, "snap_conflict", snapshot.id)
    after_their_change = _state(shared)
    assert open_store(shared).snapshot_versions()[snapshot.id].version == seen + 1
    _results, ok, feedback = _run(
        registry,
        f"kursk_tracker:{algorithm}",
        {
            "INPUT": shared,
            "SNAPSHOT": str(snapshot.id),
            "EXPECTED_VERSION": seen,
            "DATETIME": iso_utc(snapshot.valid_at + dt.timedelta(hours=5)),
        },
    )
    assert not ok
    where = open_store(shared).describe()
    assert any(where in e and "changed this snapshot" in e and "postgres" in e for e in feedback.errors), (
        feedback.errors
    )
    assert _state(shared) == after_their_change
    # With the version as it is now, the change goes through.
    _results, ok, feedback = _run(
        registry,
        f"kursk_tracker:{algorithm}",
        {
            "INPUT": shared,
            "SNAPSHOT": str(snapshot.id),
            "EXPECTED_VERSION": seen + 1,
            "DATETIME": iso_utc(snapshot.valid_at + dt.timedelta(hours=5)),
        },
    )
    assert ok, feedback.errors


def test_a_snapshot_removed_by_someone_else_since_it_was_read_is_a_conflict(registry, shared):
    snapshot = _snapshot(shared, 3)
    seen = open_store(shared).snapshot_versions()[snapshot.id]
    remove_snapshot(shared, snapshot.id, seen)  # the other user, through the panel
    after_their_change = _state(shared)
    for algorithm in ("redatesnapshot", "removesnapshot"):
        _results, ok, feedback = _run(
            registry,
            f"kursk_tracker:{algorithm}",
            {
                "INPUT": shared,
                "SNAPSHOT": str(snapshot.id),
                "EXPECTED_VERSION": seen.version,
                "DATETIME": "2024-12-01T00:00:00Z",
            },
        )
        assert not ok
        assert any("removed this snapshot" in e for e in feedback.errors), feedback.errors
    assert _state(shared) == after_their_change


# -- headless ---------------------------------------------------------------------------------------


def _outputs(text: str) -> dict[str, str]:
    """qgis_process's "NAME:\tvalue" result lines."""
    return dict(line.split(":\t", 1) for line in text.splitlines() if ":\t" in line)


@pytest.mark.skipif(QGIS_PROCESS is None, reason="qgis_process is not installed")
def test_redate_and_remove_run_headless_through_qgis_process(tmp_path, repo_root):
    series = sample_working_copy(tmp_path / "series")
    snapshots = open_store(series).read_series().sorted_snapshots()
    counts = open_store(series).feature_counts()
    staged = staged_plugin(repo_root)
    env = qgis_process_profile(tmp_path, lambda plugins: (plugins / "kursk_tracker").symlink_to(staged))

    def process(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [QGIS_PROCESS, "run", *args], env=env, capture_output=True, text=True, timeout=300
        )

    run = process("kursk_tracker:removesnapshot", "--", f"INPUT={series}", f"SNAPSHOT={snapshots[1].id}")
    assert run.returncode == 0, run.stdout + run.stderr
    outputs = _outputs(run.stdout)
    assert outputs["DATETIME"] == iso_utc(snapshots[1].valid_at)
    assert int(float(outputs["FEATURES"])) == counts[snapshots[1].id]
    run = process(
        "kursk_tracker:redatesnapshot",
        "--",
        f"INPUT={series}",
        f"SNAPSHOT={iso_utc(snapshots[2].valid_at)}",
        "DATETIME=2024-08-15T06:00:00",
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert _outputs(run.stdout)["DATETIME"] == "2024-08-15T06:00:00Z"
    run = process(
        "kursk_tracker:redatesnapshot",
        "--",
        f"INPUT={series}",
        f"SNAPSHOT={snapshots[3].id}",
        "DATETIME=2024-08-15T06:00:00Z",
    )
    assert run.returncode != 0
    assert "2024-08-15T06:00:00Z" in run.stdout + run.stderr
    stored = {s.id: s.valid_at for s in open_store(series).read_series().snapshots}
    assert snapshots[1].id not in stored
    assert stored[snapshots[2].id] == dt.datetime(2024, 8, 15, 6, tzinfo=UTC)
    assert stored[snapshots[3].id] == snapshots[3].valid_at
    empty = tmp_path / "empty.gpkg"
    run = process("kursk_tracker:newseries", "--", f"OUTPUT={empty}")
    assert run.returncode == 0, run.stdout + run.stderr
    assert open_store(empty).read_series().snapshots == []


# -- a new, empty series ------------------------------------------------------------------------------


@pytest.mark.parametrize("back_end", ["gpkg", "postgis"])
def test_newseries_makes_an_empty_series_and_never_replaces_one(registry, back_end, tmp_path, request):
    if back_end == "gpkg":
        location = str(tmp_path / "front.gpkg")
    else:
        location = postgis_location("snap_newseries", connection=request.getfixturevalue("connection_name"))
    results, ok, feedback = _run(registry, "kursk_tracker:newseries", {"OUTPUT": location})
    assert ok, feedback.errors
    store = open_store(results["SERIES"])
    series = store.read_series()
    assert series.snapshots == [] and [side.code for side in series.sides] == ["UA", "RU"]
    # The panel's own function: a second call is refused and the series kept.
    _results, ok, feedback = _run(registry, "kursk_tracker:newseries", {"OUTPUT": location})
    assert not ok and any("a series is there already" in e for e in feedback.errors), feedback.errors
    assert open_store(location).read_series() == series
