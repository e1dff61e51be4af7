"""The series session without any panel: opening, the shown instant, stepping, re-date, remove, copy,
imports, other users' changes and the state saved with a project, on a GeoPackage and on PostGIS.

Real GeoPackage copies of the sample series, a project of its own (not the one pytest-qgis's iface
shows) and the private server of tests/postgis_server.py; nothing is mocked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from qgis.core import QgsProject

from kursk_tracker.core.errors import KurskTrackerError
from kursk_tracker.layers.session import SeriesSession
from kursk_tracker.store.backend import open_store, postgis_location
from kursk_tracker.store.operations import SeriesConflictError, copy_series, remove_snapshot
from kursk_tracker.store.sample import sample_series_path, sample_working_copy

from .conftest import flush_deletes, other_user_deletes_a_feature, wait_until


@pytest.fixture
def project(qgis_app):
    project = QgsProject()
    yield project
    project.clear()
    flush_deletes()


@pytest.fixture
def session(project):
    session = SeriesSession(project)
    yield session
    session.close_series()
    flush_deletes()


@pytest.fixture
def gpkg(tmp_path):
    return str(sample_working_copy(tmp_path / "series"))


@pytest.fixture(params=["gpkg", "postgis"])
def location(request, tmp_path):
    if request.param == "gpkg":
        return str(sample_working_copy(tmp_path / "series"))
    target = postgis_location(
        "session_" + request.node.name.split("[")[0][5:35].lower(),
        connection=request.getfixturevalue("connection_name"),
    )
    copy_series(sample_series_path(), target, replace=True)
    return target


def _stored(location: str):
    store = open_store(location)
    return store.read_series().sorted_snapshots(), store.feature_counts()


def test_opening_shows_the_latest_snapshot_and_tells_who_listens(session, location):
    heard = []
    session.seriesOpened.connect(lambda: heard.append("opened"))
    session.instantChanged.connect(lambda: heard.append("instant"))
    session.open_series(location)
    snapshots = session.snapshots()
    assert session.current_snapshot() == snapshots[-1] and session.instant == snapshots[-1].valid_at
    assert "opened" in heard and "instant" in heard
    assert session.span() == (snapshots[0].valid_at, snapshots[-1].valid_at)


def test_the_instant_is_clamped_to_the_series_and_steps_go_from_snapshot_to_snapshot(session, gpkg):
    session.open_series(gpkg)
    snapshots = session.snapshots()
    session.show_instant(snapshots[0].valid_at - dt.timedelta(days=30))
    assert session.instant == snapshots[0].valid_at
    session.show_instant(snapshots[3].valid_at + dt.timedelta(days=2))
    assert session.current_snapshot() == snapshots[3]
    session.step(1)
    assert session.instant == snapshots[4].valid_at
    session.step(-2)
    assert session.instant == snapshots[2].valid_at
    session.step(-99)
    assert session.instant == snapshots[0].valid_at


def test_redate_and_remove_change_the_store_and_what_the_session_shows(session, location):
    session.open_series(location)
    snapshots = session.snapshots()
    target = snapshots[4]
    moved = target.valid_at + dt.timedelta(hours=5)
    session.redate(target.id, moved)
    stored, _counts = _stored(location)
    assert next(s for s in stored if s.id == target.id).valid_at == moved
    assert next(s for s in session.snapshots() if s.id == target.id).valid_at == moved
    session.remove(snapshots[0].id)
    stored, counts = _stored(location)
    assert snapshots[0].id not in {s.id for s in stored} and snapshots[0].id not in counts
    assert len(session.snapshots()) == len(snapshots) - 1


def test_a_redate_onto_a_taken_instant_is_refused_and_nothing_changes(session, gpkg):
    session.open_series(gpkg)
    snapshots = session.snapshots()
    before = _stored(gpkg)
    with pytest.raises(KurskTrackerError):
        session.redate(snapshots[2].id, snapshots[3].valid_at)
    assert _stored(gpkg) == before
    assert session.snapshots() == snapshots


@pytest.mark.parametrize("change", ["redate", "remove"])
def test_a_snapshot_another_user_changed_since_it_was_read_is_not_overwritten(
    session, connection_name, postgis_server, change
):
    location = postgis_location("session_conflict_" + change, connection=connection_name)
    copy_series(sample_series_path(), location, replace=True)
    session.open_series(location)
    snapshot = session.snapshots()[5]
    other_user_deletes_a_feature(postgis_server, open_store(location).schema, snapshot.id)
    after_their_change = _stored(location)

    def attempt() -> None:
        if change == "redate":
            session.redate(snapshot.id, snapshot.valid_at + dt.timedelta(hours=3))
        else:
            session.remove(snapshot.id)

    with pytest.raises(SeriesConflictError):
        attempt()
    assert _stored(location) == after_their_change
    # The session reloaded: it now knows the other user's version, and the change goes through.
    attempt()
    assert _stored(location) != after_their_change


def test_another_users_new_snapshot_is_noticed_and_reloaded(session, connection_name):
    location = postgis_location("session_elsewhere", connection=connection_name)
    copy_series(sample_series_path(), location, replace=True)
    session.open_series(location)
    shown = session.snapshots()[6]
    session.show_instant(shown.valid_at)
    messages = []
    session.changedElsewhere.connect(messages.append)
    assert not session.check_for_changes()  # nothing changed yet
    remove_snapshot(location, session.snapshots()[-1].id)  # another user, another connection
    assert session.check_for_changes()
    assert len(session.snapshots()) == len(_stored(location)[0])
    assert session.instant == shown.valid_at  # the user stays where they were
    assert messages and "another user removed a snapshot" in messages[0]


def test_copy_goes_whole_to_another_store_and_never_over_a_team_series(session, gpkg, connection_name):
    session.open_series(gpkg)
    target = postgis_location("session_copy", connection=connection_name)
    copy_series(sample_series_path(), target, replace=True)
    remove_snapshot(target, open_store(target).read_series().sorted_snapshots()[-1].id)
    theirs = _stored(target)
    with pytest.raises(KurskTrackerError):
        session.copy_to(target)  # a series is there: a teammate's, never replaced
    assert _stored(target) == theirs
    where = session.copy_to(target.replace("session_copy", "session_copy_new"))
    assert "session_copy_new" in where
    assert _stored(target.replace("session_copy", "session_copy_new")) == _stored(gpkg)


def test_an_import_into_the_open_series_reloads_it_and_into_another_opens_that(session, gpkg, tmp_path):
    session.open_series(gpkg)
    before = len(session.snapshots())
    remove_snapshot(gpkg, session.snapshots()[-1].id)  # the file changed under the session
    session.imported_into(gpkg)
    assert len(session.snapshots()) == before - 1 and session.store.location == open_store(gpkg).location
    other = str(sample_working_copy(tmp_path / "other"))
    session.imported_into(other)
    assert session.store.same_as(open_store(other))
    assert len(session.snapshots()) == before  # the other file's series, whole


def test_the_dates_near_undated_files_come_from_the_series_when_the_import_had_none(session, gpkg, tmp_path):
    dates = SeriesSession.dates_near(None, gpkg)
    assert dates == [s.valid_at for s in open_store(gpkg).read_series().snapshots]
    assert SeriesSession.dates_near(None, tmp_path / "not_yet.gpkg") == []


def test_closing_says_first_that_the_layers_leave(session, project, gpkg):
    session.open_series(gpkg)
    order = []
    session.layersLeaving.connect(lambda: order.append(("leaving", len(project.mapLayers()))))
    session.close_series()
    assert order and order[0][1] > 0  # said while the layers were still there
    assert session.series is None and not project.mapLayers()


def test_the_project_file_brings_back_series_instant_timing_and_comparison(session, project, gpkg, tmp_path):
    session.open_series(gpkg)
    snapshots = session.snapshots()
    between = snapshots[7].valid_at + dt.timedelta(days=1, hours=3)
    session.set_timing("eased")
    session.compare_with(snapshots[1].id)
    session.show_instant(between)
    path = tmp_path / "saved.qgs"
    project.writeProject.connect(session.write_project_state)
    assert project.write(str(path))

    later = QgsProject()
    again = SeriesSession(later)
    from kursk_tracker.toolbelt.settings import TimelineSettings

    TimelineSettings.update(preview_timing="linear")
    assert later.read(str(path))
    again.attach_to_project()
    try:
        assert again.store.same_as(open_store(gpkg))
        assert again.instant == between and again.current_snapshot() == snapshots[7]
        assert again.timing == "eased" and again.comparing == snapshots[1].id
    finally:
        again.close_series()
        later.clear()
        flush_deletes()


def test_an_import_asks_for_missing_dates_then_imports_those_files_and_opens_the_series(session, tmp_path):
    from kursk_tracker.importers.base import ImportOptions

    undated = tmp_path / "lage.geojson"
    undated.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", '
        '"properties": {"side": "UA", "status": "controlled"}, "geometry": {"type": "Polygon", '
        '"coordinates": [[[35.0, 51.0], [35.2, 51.0], [35.2, 51.2], [35.0, 51.0]]]}}]}',
        encoding="utf-8",
    )
    when = dt.datetime(2024, 10, 29, 21, tzinfo=dt.timezone.utc)
    asked, outcomes = [], []
    session.ask_dates = lambda paths, known: asked.extend(paths) or {paths[0]: when}
    session.importFinished.connect(outcomes.append)
    output = tmp_path / "new.gpkg"
    session.start_import([undated], "folder", ImportOptions(), output)
    assert wait_until(lambda: session.import_task is None)  # the first run finds no date and asks
    assert wait_until(lambda: session.import_task is None)  # the second imports the dated file
    assert asked == [undated]
    assert len(outcomes) == 2 and outcomes[0].asked == {str(undated)} and not outcomes[1].failure
    assert [s.valid_at for s in session.snapshots()] == [when]
    assert session.store.same_as(open_store(output))


def test_an_import_without_anyone_to_ask_leaves_undated_files_out_and_says_why(session, tmp_path):
    from kursk_tracker.importers.base import ImportOptions

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "lage.geojson").write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    outcomes = []
    session.importFinished.connect(outcomes.append)
    session.start_import([folder], "folder", ImportOptions(), tmp_path / "none.gpkg")
    assert wait_until(lambda: session.import_task is None)
    assert len(outcomes) == 1 and outcomes[0].result is not None and not outcomes[0].summary.added
    assert any("lage.geojson" in str(problem) for problem in outcomes[0].result.problems)
    assert session.series is None
