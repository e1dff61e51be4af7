"""A PostGIS series inside QGIS: saved connections, styled temporal layers, projects without
passwords, every Processing algorithm, refresh when another user changes the series, conflicts.

Runs against the private server of tests/postgis_server.py; nothing is mocked.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest
from qgis.core import (
    QgsApplication,
    QgsCredentials,
    QgsDataSourceUri,
    QgsProject,
    QgsProviderRegistry,
    QgsRuleBasedRenderer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QImage
from qgis.PyQt.QtWidgets import QDockWidget

from kursk_tracker.store.backend import open_store, postgis_location, resolve_qgis_connection
from kursk_tracker.store.gpkg import read_series
from kursk_tracker.store.operations import copy_series, import_into, redate_snapshot
from kursk_tracker.store.sample import sample_series_path

from .test_processing import _run

CONNECTION = "Kursk newsroom (test)"
PASSWORD = "s3cret-kt-not-needed"
"""Saved with the connection; the test server trusts local users, so it is never needed, only kept out."""

UTC = dt.timezone.utc


@pytest.fixture
def saved_connection(postgis_server, qgis_app):
    """A PostgreSQL connection saved in QGIS, as a user makes it in the Browser (password saved too)."""
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    uri = QgsDataSourceUri()
    uri.setConnection(
        postgis_server.host, str(postgis_server.port), postgis_server.database, "postgres", PASSWORD
    )
    # As the Browser's dialog saves it with "Store" ticked for user name and password.
    connection = metadata.createConnection(uri.uri(False), {"saveUsername": True, "savePassword": True})
    metadata.saveConnection(connection, CONNECTION)
    yield CONNECTION
    metadata.deleteConnection(CONNECTION)


@pytest.fixture
def shared_series(postgis_server, saved_connection, request):
    """The sample series copied into a schema of its own for this test."""
    schema = "qgis_" + request.node.name.removeprefix("test_")[:40].lower()
    location = postgis_location(schema, connection=saved_connection)
    copy_series(sample_series_path(), location, replace=True)
    return location


def _dock(iface):
    return iface.mainWindow().findChild(QDockWidget, "KurskTrackerSituationDock")


def _wait(condition, seconds=15.0):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.02)
    return condition()


def test_a_saved_qgis_connection_is_resolved_with_its_password_for_the_plugin_only(
    saved_connection, postgis_server
):
    words = resolve_qgis_connection(saved_connection)
    assert (words["host"], words["port"], words["dbname"]) == (
        postgis_server.host,
        str(postgis_server.port),
        postgis_server.database,
    )
    store = open_store(postgis_location("anything", connection=saved_connection))
    assert PASSWORD not in store.location and PASSWORD not in store.describe()
    assert saved_connection in store.describe() and f"{postgis_server.port}/kursk" in store.describe()


def test_an_unknown_saved_connection_is_named_with_the_ones_there_are(saved_connection):
    from kursk_tracker.core.errors import KurskTrackerError

    with pytest.raises(KurskTrackerError) as failure:
        open_store(postgis_location("kursk", connection="Nowhere")).read_series()
    assert "'Nowhere'" in str(failure.value) and saved_connection in str(failure.value)


def test_a_postgis_series_opens_as_styled_temporal_layers_without_a_password(plugin, shared_series, tmp_path):
    plugin.open_series(shared_series)
    loaded = plugin.session.current
    assert loaded is not None and loaded.path is None
    assert loaded.series == read_series(sample_series_path())
    areas = loaded.layers["areas"]
    for name, layer in loaded.layers.items():
        assert layer.isValid() and layer.providerType() == "postgres", name
        assert PASSWORD not in layer.source()
    assert areas.temporalProperties().isActive()
    assert areas.temporalProperties().startField() == "valid_from"
    assert areas.isRefreshOnNotifyEnabled()
    rules = [rule.label() for rule in areas.renderer().rootRule().children()]
    assert isinstance(areas.renderer(), QgsRuleBasedRenderer) and "Ukraine: Controlled" in rules

    counts = open_store(shared_series).feature_counts()
    snapshot = plugin.session.snapshots()[3]
    plugin.session.show_snapshot(snapshot.id)
    shown = sum(layer.featureCount() for name, layer in loaded.layers.items() if name != "places")
    assert shown == counts[snapshot.id]

    # The project keeps the series' location, never the password.
    project_file = tmp_path / "team.qgs"
    assert QgsProject.instance().write(str(project_file))
    text = project_file.read_text(encoding="utf-8")
    assert PASSWORD not in text and "schema=qgis_a_postgis_series_opens" in text


def test_the_panel_lists_a_postgis_series_with_its_place(plugin, iface, shared_series):
    plugin.open_series(shared_series)
    dock = _dock(iface)
    assert CONNECTION in dock.heading.text()
    assert dock.table.topLevelItemCount() == len(read_series(sample_series_path()).snapshots)


def test_another_users_import_reaches_the_open_series(plugin, shared_series):
    plugin.open_series(shared_series)
    messages = []
    plugin.session.changedElsewhere.connect(messages.append)
    before = len(plugin.session.snapshots())
    # Another user, another connection: a series GeoPackage with one snapshot more is imported.
    from shapely.geometry import box

    from kursk_tracker.core.import_result import ImportResult, SituationFeature, SnapshotData
    from kursk_tracker.core.series import FeatureKind

    later = SnapshotData(
        dt.datetime(2024, 11, 19, 21, tzinfo=UTC),
        [SituationFeature(FeatureKind.AREAS, box(34.9, 51.2, 35.3, 51.4), "UA", {"status": "controlled"})],
    )
    import_into(shared_series, ImportResult(snapshots=[later]))
    assert _wait(lambda: bool(messages)), "no refresh after the other user's import (NOTIFY)"
    assert len(plugin.session.snapshots()) == before + 1
    assert "another user added a snapshot;" in messages[0]


def test_a_conflicting_edit_in_the_panel_is_refused_and_the_series_reloaded(plugin, iface, shared_series):
    plugin.open_series(shared_series)
    dock = _dock(iface)
    target = plugin.session.snapshots()[2]
    seen = plugin.session.versions[target.id]
    # Someone else re-dates the snapshot in the meantime.
    moved = target.valid_at + dt.timedelta(hours=2)
    redate_snapshot(shared_series, target.id, moved, seen)
    assert not dock.remove(target.id)
    stored = {s.id: s for s in open_store(shared_series).read_series().snapshots}
    assert stored[target.id].valid_at == moved  # their change stands, nothing removed
    assert _wait(lambda: {s.id: s for s in plugin.session.snapshots()}[target.id].valid_at == moved)
    # With what is shown now, the removal goes through.
    assert dock.remove(target.id)
    assert target.id not in {s.id for s in open_store(shared_series).read_series().snapshots}


def test_a_project_with_a_postgis_series_opens_again(plugin, shared_series, tmp_path):
    plugin.open_series(shared_series)
    project_file = tmp_path / "again.qgs"
    assert QgsProject.instance().write(str(project_file))
    QgsProject.instance().clear()
    assert QgsProject.instance().read(str(project_file))
    assert _wait(lambda: plugin.session.current is not None, 5)
    assert plugin.session.store.location == shared_series
    assert plugin.session.current.layers["areas"].isValid()


# -- every Processing algorithm on a PostGIS series ------------------------------------


@pytest.fixture
def registry(plugin):
    return QgsApplication.processingRegistry()


def test_list_and_statistics_read_a_postgis_series_as_the_geopackage(registry, shared_series, tmp_path):
    tables = {}
    for name, source in (("gpkg", str(sample_series_path())), ("postgis", shared_series)):
        for algorithm in ("listsnapshots", "seriesstatistics"):
            out = tmp_path / f"{algorithm}_{name}.csv"
            _results, ok, feedback = _run(
                registry, f"kursk_tracker:{algorithm}", {"INPUT": source, "OUTPUT": str(out)}
            )
            assert ok, feedback.errors
            tables[(algorithm, name)] = sorted(
                tuple(str(v) for v in f.attributes())
                for f in QgsVectorLayer(str(out), algorithm, "ogr").getFeatures()
            )
    assert tables[("listsnapshots", "postgis")] == tables[("listsnapshots", "gpkg")]
    assert tables[("seriesstatistics", "postgis")] == tables[("seriesstatistics", "gpkg")]
    assert len(tables[("listsnapshots", "postgis")]) == len(read_series(sample_series_path()).snapshots)


def test_front_and_change_algorithms_on_a_postgis_series(registry, shared_series, tmp_path):
    snapshots = read_series(sample_series_path()).sorted_snapshots()
    middle = snapshots[6].valid_at + (snapshots[7].valid_at - snapshots[6].valid_at) / 2
    areas = {}
    for name, source in (("gpkg", str(sample_series_path())), ("postgis", shared_series)):
        front = tmp_path / f"front_{name}.gpkg"
        _results, ok, feedback = _run(
            registry,
            "kursk_tracker:frontatdate",
            {"INPUT": source, "DATETIME": middle.isoformat(), "OUTPUT": str(front)},
        )
        assert ok, feedback.errors
        change = tmp_path / f"change_{name}.gpkg"
        _results, ok, feedback = _run(
            registry,
            "kursk_tracker:changebetween",
            {
                "INPUT": source,
                "FROM": snapshots[2].valid_at.isoformat(),
                "TO": snapshots[9].valid_at.isoformat(),
                "OUTPUT": str(change),
            },
        )
        assert ok, feedback.errors
        areas[name] = tuple(
            sorted(round(f.geometry().area(), 9) for f in QgsVectorLayer(str(out), "o", "ogr").getFeatures())
            for out in (front, change)
        )
    assert areas["postgis"] == areas["gpkg"] and areas["postgis"][0] and areas["postgis"][1]


def test_lagebild_and_animation_export_from_a_postgis_series(registry, shared_series, tmp_path):
    week12 = read_series(sample_series_path()).sorted_snapshots()[-3]
    png = tmp_path / "lagebild.png"
    _results, ok, feedback = _run(
        registry,
        "kursk_tracker:exportlagebild",
        {
            "INPUT": shared_series,
            "DATETIME": week12.valid_at.isoformat(),
            "FORMAT": "png",
            "WIDTH_PX": 800,
            "OUTPUT": str(png),
        },
    )
    assert ok, feedback.errors
    assert QImage(str(png)).width() == 800
    gif = tmp_path / "front.gif"
    _results, ok, feedback = _run(
        registry,
        "kursk_tracker:exportanimation",
        {
            "INPUT": shared_series,
            "FROM": week12.valid_at.isoformat(),
            "STEP_HOURS": 48,
            "FPS": 5,
            "HOLD_SECONDS": 0,
            "FORMAT": "gif",
            "WIDTH_PX": 320,
            "HEIGHT_PX": 200,
            "OUTPUT": str(gif),
        },
    )
    assert ok, feedback.errors
    assert gif.read_bytes()[:6] == b"GIF89a"


def test_import_and_copy_algorithms_write_into_postgis(registry, postgis_server, saved_connection, tmp_path):
    target = postgis_location("qgis_imported", connection=saved_connection)
    results, ok, feedback = _run(
        registry,
        "kursk_tracker:importseries",
        {"INPUT": [str(sample_series_path())], "FORMAT": "gpkg", "OUTPUT": target},
    )
    assert ok, feedback.errors
    assert results["ADDED"] == len(read_series(sample_series_path()).snapshots)
    assert results["OUTPUT"] == target
    again, ok, _feedback = _run(
        registry,
        "kursk_tracker:importseries",
        {"INPUT": [str(sample_series_path())], "FORMAT": "gpkg", "OUTPUT": target},
    )
    assert ok and again["ADDED"] == 0 and again["SKIPPED"] == results["ADDED"]

    back = tmp_path / "back.gpkg"
    copied, ok, feedback = _run(registry, "kursk_tracker:copyseries", {"INPUT": target, "OUTPUT": str(back)})
    assert ok, feedback.errors
    assert copied["SNAPSHOTS"] == results["ADDED"]
    assert read_series(back).snapshots == open_store(target).read_series().snapshots
    _copied, ok, feedback = _run(registry, "kursk_tracker:copyseries", {"INPUT": str(back), "OUTPUT": target})
    assert not ok  # a series is there: left alone
    assert any("already" in error for error in feedback.errors)


def test_an_algorithm_on_a_bad_postgis_series_says_which_and_why(registry, saved_connection, tmp_path):
    out = tmp_path / "snapshots.csv"
    _results, ok, feedback = _run(
        registry,
        "kursk_tracker:listsnapshots",
        {"INPUT": postgis_location("no_series_here", connection=saved_connection), "OUTPUT": str(out)},
    )
    assert not ok
    assert any(
        saved_connection in e and "no_series_here" in e and "no Kursk Tracker series" in e
        for e in feedback.errors
    )
    _results, ok, feedback = _run(
        registry,
        "kursk_tracker:listsnapshots",
        {"INPUT": "postgis:connection=x password=y schema=z", "OUTPUT": str(out)},
    )
    assert not ok and any("must not hold a password" in e for e in feedback.errors)


# -- a server that asks for a password ------------------------------------------------------


@pytest.fixture
def reporter(postgis_server):
    """A database user who must give a password (scram-sha-256), as on a newsroom's server."""
    import psycopg2

    hba = postgis_server.datadir / "pg_hba.conf"
    rule = "host all reporter 127.0.0.1/32 scram-sha-256\n"
    with psycopg2.connect(postgis_server.conninfo) as db, db.cursor() as cursor:
        cursor.execute(
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'reporter') THEN "
            "CREATE ROLE reporter LOGIN; END IF; END $$"
        )
        cursor.execute("SET password_encryption = 'scram-sha-256'")
        cursor.execute("ALTER ROLE reporter PASSWORD 'kt-reporter-pw'")
        cursor.execute("GRANT CREATE ON DATABASE kursk TO reporter")
        text = hba.read_text(encoding="utf-8")
        if rule not in text:
            hba.write_text(rule + text, encoding="utf-8")  # first match wins: before the trust lines
        cursor.execute("SELECT pg_reload_conf()")
    time.sleep(0.3)
    return "kt-reporter-pw"


def _save(name, postgis_server, user, password):
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    uri = QgsDataSourceUri()
    uri.setConnection(postgis_server.host, str(postgis_server.port), postgis_server.database, user, password)
    metadata.saveConnection(
        metadata.createConnection(uri.uri(False), {"saveUsername": True, "savePassword": True}), name
    )
    return metadata


def test_a_password_saved_with_the_connection_opens_the_layers_and_stays_out_of_the_project(
    plugin, postgis_server, reporter, tmp_path
):
    metadata = _save("Reporter", postgis_server, "reporter", reporter)
    try:
        location = postgis_location("reporter_series", connection="Reporter")
        copy_series(sample_series_path(), location, replace=True)
        plugin.open_series(location)
        loaded = plugin.session.current
        assert loaded is not None and all(layer.isValid() for layer in loaded.layers.values())
        assert loaded.layers["areas"].featureCount() > 0
        project_file = tmp_path / "reporter.qgs"
        assert QgsProject.instance().write(str(project_file))
        assert reporter not in project_file.read_text(encoding="utf-8")
        assert all(reporter not in layer.source() for layer in loaded.layers.values())

        # Read again in a later session: QGIS has no password for the layers (its credential cache
        # is emptied here, and headless nobody can be asked); the plugin gives it from the connection.
        realm = QgsDataSourceUri(loaded.layers["areas"].source()).connectionInfo(False)
        QgsProject.instance().clear()
        QgsCredentials.instance().get(realm, "reporter", "")  # takes the cached entry out
        assert QgsProject.instance().read(str(project_file))
        assert _wait(lambda: plugin.session.current is not None, 5)
        again = plugin.session.current.layers
        assert all(layer.isValid() for layer in again.values())
        assert again["areas"].featureCount() > 0 and again["areas"].isRefreshOnNotifyEnabled()
    finally:
        metadata.deleteConnection("Reporter")


def test_a_wrong_password_is_reported_with_the_connection_name(plugin, postgis_server, reporter):
    metadata = _save("Reporter (old password)", postgis_server, "reporter", "not-the-password")
    try:
        location = postgis_location("reporter_series", connection="Reporter (old password)")
        from kursk_tracker.core.errors import KurskTrackerError

        with pytest.raises(KurskTrackerError) as failure:
            open_store(location).read_series()
        message = str(failure.value)
        assert "PostGIS connection 'Reporter (old password)'" in message
        assert "password authentication failed" in message and "not-the-password" not in message
        assert plugin.session.current is None
    finally:
        metadata.deleteConnection("Reporter (old password)")


def test_editing_the_areas_layer_in_qgis_updates_the_snapshot_and_the_timeline(plugin, shared_series):
    plugin.open_series(shared_series)
    session = plugin.session
    messages = []
    session.changedElsewhere.connect(messages.append)
    snapshot = session.current_snapshot()
    seen = session.versions[snapshot.id]
    areas = session.current.layers["areas"]
    feature = next(areas.getFeatures())
    assert areas.startEditing()
    assert areas.changeGeometry(feature.id(), feature.geometry().buffer(0.02, 4))
    # Unsaved edits are never dropped by a reload, whatever the others do.
    redate_snapshot(
        shared_series, session.snapshots()[0].id, session.snapshots()[0].valid_at + dt.timedelta(hours=1)
    )
    QCoreApplication.processEvents()
    assert not session.check_for_changes() and areas.isEditable()
    assert areas.commitChanges(), areas.commitErrors()

    assert _wait(lambda: bool(messages)), "the committed edit did not reach the timeline"
    assert open_store(shared_series).snapshot_versions()[snapshot.id].version == seen.version + 1
    assert session.versions[snapshot.id].version == seen.version + 1
    assert session.current.layers["areas"] is not areas  # reopened with the new geometry


def test_the_animation_task_reads_a_postgis_series_from_a_private_copy(shared_series, tmp_path):
    """The panel's background export works on a consistent GeoPackage copy, whatever others write."""
    from kursk_tracker.export.animation import private_copy
    from kursk_tracker.store.gpkg import read_features

    copy = private_copy(open_store(shared_series), tmp_path)
    assert copy.suffix == ".gpkg" and copy.parent == tmp_path
    assert read_series(copy) == open_store(shared_series).read_series()
    assert len(read_features(copy)) == len(open_store(shared_series).read_features())


def test_a_series_named_by_a_postgresql_service_opens_in_the_store_and_as_layers(
    plugin, postgis_server, tmp_path, monkeypatch
):
    """`postgis:service=NAME schema=…`: the database comes from the user's PostgreSQL service file."""
    service_file = tmp_path / "pg_service.conf"
    service_file.write_text(
        f"[kt_newsroom]\nhost={postgis_server.host}\nport={postgis_server.port}\n"
        f"dbname={postgis_server.database}\nuser=postgres\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("PGSERVICEFILE", str(service_file))
    location = "postgis:service=kt_newsroom schema=qgis_by_service"
    copy_series(sample_series_path(), location, replace=True)
    assert open_store(location).read_series() == read_series(sample_series_path())
    plugin.open_series(location)
    loaded = plugin.session.current
    assert loaded is not None and loaded.store.location == location
    assert all(layer.isValid() and "kt_newsroom" in layer.source() for layer in loaded.layers.values())
    assert loaded.layers["areas"].featureCount() > 0


def test_the_postgis_dialog_lists_the_series_of_a_saved_connection(plugin, shared_series):
    from kursk_tracker.gui.postgis_dialog import NEW, OPEN, PostgisSeriesDialog

    dialog = PostgisSeriesDialog(OPEN)
    dialog.connection.setCurrentText(CONNECTION)
    schema = open_store(shared_series).schema
    assert schema in dialog.list_series()
    dialog.schema.setCurrentText(schema)
    assert dialog.location() == shared_series

    new = PostgisSeriesDialog(NEW)
    new.connection.setCurrentText(CONNECTION)
    new.schema.setEditText("Kursk 2024!")
    new.accept()
    assert new.result() != new.DialogCode.Accepted and "not a usable schema name" in new.message.text()
    new.connection.setCurrentText("Nowhere")
    assert new.list_series() == [] and "'Nowhere'" in new.message.text()
