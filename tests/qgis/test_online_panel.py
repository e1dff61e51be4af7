"""Import → From DeepStateMap (online)… in the Situation panel, cancel, the check on opening, and the
algorithm through qgis_process; against a local server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import subprocess
from zoneinfo import ZoneInfo

import pytest
from qgis.PyQt.QtCore import QDate, QTimer
from qgis.PyQt.QtWidgets import QDockWidget, QPushButton

from kursk_tracker.online.cache import SnapshotCache
from kursk_tracker.online.client import Limits
from kursk_tracker.online.task import UpdateTask, snapshot_cache
from kursk_tracker.online.update import UpdateRequest
from kursk_tracker.store.gpkg import read_series
from kursk_tracker.toolbelt.settings import OnlineSettings
from tests.deepstate_fixtures import KURSK_AOI
from tests.deepstate_server import DeepStateServer, snapshot_body

from .conftest import QGIS_PROCESS, qgis_process_profile, staged_plugin, wait_for_import, wait_until

BERLIN = ZoneInfo("Europe/Berlin")
FIRST = dt.date(2024, 10, 22)


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BERLIN)


@pytest.fixture(scope="module")
def body(tmp_path_factory):
    return snapshot_body(tmp_path_factory.mktemp("body"), local(FIRST, 21), 80)


@pytest.fixture
def server(qgis_app):
    server = DeepStateServer().start()
    yield server
    server.shutdown()


def twice_a_day(server, body, first: dt.date, count: int) -> dict[dt.date, int]:
    """Records at 08:00 and 21:30 local; returns each day's 21:30 id."""
    wanted = {}
    for i in range(count):
        day = first + dt.timedelta(days=i)
        server.add(local(day, 8), body)
        wanted[day] = server.add(local(day, 21, 30), body)
    return wanted


def _dock(iface):
    return iface.mainWindow().findChild(QDockWidget, "KurskTrackerSituationDock")


@pytest.fixture
def empty_cache():
    snapshot_cache().clear()
    yield
    snapshot_cache().clear()


def test_the_dialog_imports_a_range_into_a_new_series_and_names_what_failed(
    plugin, iface, server, body, tmp_path, empty_cache
):
    wanted = twice_a_day(server, body, FIRST, 6)
    bad = server.geojson_path(wanted[FIRST + dt.timedelta(days=2)])
    server.misbehave[bad] = "missing"
    del server.records[8:10]  # 26 October: no record at all
    dock = _dock(iface)
    action = next(a for a in dock.import_menu.actions() if a.objectName() == "importOnline")
    assert action.text() == "From DeepStateMap (online)…"
    output = tmp_path / "online.gpkg"

    def fill():
        dialog = dock.online.dialog
        assert dialog is not None
        dialog.set_new_series(output)
        dialog.range_radio.setChecked(True)
        dialog.from_edit.setDate(QDate(2024, 10, 22))
        dialog.to_today.setChecked(False)
        dialog.to_edit.setDate(QDate(2024, 10, 27))
        dialog.url_edit.setText(server.base_url)
        dialog.area_edit.setText(",".join(str(v) for v in KURSK_AOI))
        dialog.accept()

    QTimer.singleShot(0, fill)
    action.trigger()
    assert dock.progress.isVisibleTo(dock)
    wait_for_import(dock, 60)
    session = plugin.session
    assert session.current is not None and session.current.path == output
    series = read_series(output)
    # 22, 23, 25 and 27 October: the 24th answered 404, the 26th has no record.
    assert len(series.snapshots) == 4
    assert series.credit_in("de") == "Daten: DeepStateMap.Live"
    report = dock.last_report
    assert report is not None
    assert "2024-10-24 21:30" in report.text and server.base_url + bad in report.text
    assert "2024-10-26: no DeepStateMap snapshot at or before 22:00 that day; day skipped" in report.text
    assert OnlineSettings.load().base_url == server.base_url
    assert OnlineSettings.load().area_of_interest == ",".join(str(v) for v in KURSK_AOI)


def test_a_cancelled_update_keeps_the_complete_snapshots_and_nothing_half_done(
    qgis_app, server, body, tmp_path
):
    wanted = twice_a_day(server, body, FIRST, 14)
    stalled = FIRST + dt.timedelta(days=11)  # after the first batch of ten is written
    server.misbehave[server.geojson_path(wanted[stalled])] = "stall"
    output = tmp_path / "cancelled.gpkg"
    request = UpdateRequest(output, FIRST, FIRST + dt.timedelta(days=13), "day", dt.time(22, 0), KURSK_AOI)
    done = []
    task = UpdateTask(
        request,
        server.base_url,
        done.append,
        Limits(timeout_s=30, requests_per_second=100),
        SnapshotCache(tmp_path / "c", 10**8),
    )
    task.start()
    assert wait_until(lambda: server.geojson_path(wanted[stalled]) in server.requests, 30)
    task.cancel()
    assert wait_until(lambda: bool(done), 5), "the cancel did not stop the stalled request"
    got = sorted(s.valid_at for s in read_series(output).snapshots)
    assert got == sorted(dt.datetime.fromtimestamp(wanted[d], dt.timezone.utc) for d in wanted if d < stalled)
    assert any("Cancelled" in str(issue) for issue in done[0].result.issues)


def test_a_cancel_before_anything_is_complete_leaves_no_series(qgis_app, server, body, tmp_path):
    wanted = twice_a_day(server, body, FIRST, 2)
    server.misbehave[server.geojson_path(wanted[FIRST])] = "stall"
    output = tmp_path / "none.gpkg"
    done = []
    request = UpdateRequest(output, FIRST, FIRST + dt.timedelta(days=1), "day", dt.time(22, 0))
    task = UpdateTask(
        request,
        server.base_url,
        done.append,
        Limits(requests_per_second=100),
        SnapshotCache(tmp_path / "c", 10**8),
    )
    task.start()
    assert wait_until(lambda: server.geojson_path(wanted[FIRST]) in server.requests, 30)
    task.cancel()
    assert wait_until(lambda: bool(done), 5)
    assert done[0].cancelled and not output.exists()


def test_opening_a_series_from_the_service_offers_the_new_snapshots_once_a_day(
    plugin, iface, server, body, tmp_path, empty_cache
):
    today = dt.datetime.now(BERLIN).date()
    start = today - dt.timedelta(days=9)
    twice_a_day(server, body, start, 4)
    output = tmp_path / "daily.gpkg"
    OnlineSettings.update(
        base_url=server.base_url, every="day", at_time="22:00", area_of_interest="", check_on_open=True
    )
    dock = _dock(iface)
    dock.online.start(UpdateRequest(str(output), start, start + dt.timedelta(days=3)), server.base_url)
    wait_for_import(dock, 60)
    assert len(read_series(output).snapshots) == 4
    assert dock.online.check is None  # the update was today's look: opening its series asks nothing
    newer = twice_a_day(server, body, start + dt.timedelta(days=4), 3)
    OnlineSettings.update(last_checks={})
    bar = iface.messageBar()
    plugin.session.close_series()
    server.requests.clear()
    plugin.session.open_series(output)  # returns at once; the check runs in the background
    assert wait_until(lambda: any(i.objectName() == "onlineUpdateOffer" for i in bar.items()), 30)
    offer = next(i for i in bar.items() if i.objectName() == "onlineUpdateOffer")
    assert "3 new snapshots available from DeepStateMap — update?" in offer.text()
    assert server.fetched_ids() == {}  # the check asks for the list only
    offer.findChild(QPushButton, "onlineUpdateButton").click()
    wait_for_import(dock, 60)
    assert sorted(server.fetched_ids()) == sorted(newer.values())
    assert len(read_series(output).snapshots) == 7
    assert OnlineSettings.load().last_checks[plugin.session.store.location] == dt.date.today().isoformat()
    # Opened again the same day: no second look.
    server.requests.clear()
    plugin.session.close_series()
    plugin.session.open_series(output)
    assert dock.online.check is None and "/api/history/public" not in server.requests
    # And none at all where the user turned it off.
    OnlineSettings.update(last_checks={}, check_on_open=False)
    plugin.session.close_series()
    plugin.session.open_series(output)
    assert dock.online.check is None


def test_the_algorithm_through_qgis_process(repo_root, tmp_path, server, body):
    wanted = twice_a_day(server, body, FIRST, 8)
    staged = staged_plugin(repo_root)
    env = qgis_process_profile(
        tmp_path / "profile", lambda plugins: (plugins / "kursk_tracker").symlink_to(staged)
    )
    output = tmp_path / "cli.gpkg"
    args = [
        str(QGIS_PROCESS),
        "run",
        "kursk_tracker:updatefromdeepstate",
        "--",
        f"OUTPUT={output}",
        "FROM=2024-10-22",
        "TO=2024-10-29",
        "EVERY=week",
        "AT=22:00",
        "AREA_OF_INTEREST=34.0,36.2,50.95,51.9 [EPSG:4326]",
        f"BASE_URL={server.base_url}",
    ]
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ADDED:\t2" in done.stdout and "FETCHED:\t2" in done.stdout
    series = read_series(output)
    assert sorted(s.valid_at for s in series.snapshots) == [
        dt.datetime.fromtimestamp(wanted[d], dt.timezone.utc) for d in (FIRST, FIRST + dt.timedelta(days=7))
    ]
    assert series.credit_in("en") == "Data: DeepStateMap.Live"
    assert sorted(server.fetched_ids()) == [wanted[FIRST], wanted[FIRST + dt.timedelta(days=7)]]
    # Again: nothing new, nothing fetched.
    server.requests.clear()
    again = subprocess.run(args, env=env, capture_output=True, text=True, timeout=180)
    assert again.returncode == 0 and "ADDED:\t0" in again.stdout
    assert server.requests == ["/api/history/public"]
