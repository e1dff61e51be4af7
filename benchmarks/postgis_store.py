"""Benchmark: the series store in a GeoPackage against PostGIS, import and open (prints figures).

Usage: QT_QPA_PLATFORM=offscreen PROJ_DATA=/usr/share/proj .venv/bin/python benchmarks/postgis_store.py
       [--files N] [--repeats N] [--import-repeats N] [--pg-folder DIR]

Generates N (default 250) DeepStateMap-size files one day apart, as
benchmarks/import_deepstate.py does (tests/deepstate_fixtures.py, ~600 kB
each), and starts a private PostgreSQL/PostGIS server (tests/postgis_server.py:
initdb into build/pg, 127.0.0.1 only, fsync and synchronous_commit off, so
the PostGIS figures carry no durability cost). Then:

- import: `import_to_series(paths, "deepstate", ...)` into a new series, once
  into a new GeoPackage and once into a new PostGIS schema (a fresh target per
  repeat, the back ends alternating; default 1 repeat, the best is shown).
  Reading the files is the same code for both; the table splits it from
  writing the series (the end of reading is the importer's last progress call);
- open, on the series of the first import, the back ends alternating, the
  median of --repeats (default 3): `store.read_series()`, `store.read_content()`
  (series and every feature), `store.feature_counts()`, and what opening the
  series in the plugin costs: `SeriesScene.open` (the styled layers, every
  feature read, the frames' index; the morph precompute that follows runs in
  the background and is the same for both), then the layers alone:
  `load_series_layers(location, QgsProject(), "en", with_context=False)`,
  and, not part of the verdict, removing them again with
  `remove_series_groups` (what switching to another series costs).

Prints GeoPackage seconds, PostGIS seconds and PostGIS/GeoPackage per step,
and whether PostGIS stays within 2x of GeoPackage for the import and for
opening. Not a test: these machines are shared, so figures are
printed, not asserted.
"""

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qgis.core import Qgis, QgsApplication, QgsProject

from tests.deepstate_fixtures import KURSK_AOI, kursk_salient, unix_name, write_deepstate_file
from tests.postgis_server import DEFAULT_FOLDER, PostgisServer

GPKG, PG = "GeoPackage", "PostGIS"
WITHIN = 2.0
OPEN = "open in the plugin (SeriesScene.open)"
LAYERS = "  the layers (load_series_layers)"
CLOSE = "close in QGIS (remove_series_groups)"


def generate(folder: Path, count: int, start: dt.datetime) -> list[Path]:
    """The files of benchmarks/import_deepstate.py: one a day, the salient moving."""
    paths = []
    for day in range(count):
        instant = start + dt.timedelta(days=day)
        path = folder / unix_name(instant)
        write_deepstate_file(path, instant, salient=kursk_salient(day), seed=day)
        paths.append(path)
    return paths


def timed_import(paths: list[Path], output: str) -> tuple[float, float, int, int]:
    """(total s, reading s, snapshots added, features read) of one import into `output`."""
    from kursk_tracker.importers.base import Feedback, ImportOptions
    from kursk_tracker.importers.registry import import_to_series

    marks: list[float] = []
    feedback = Feedback(progress=lambda _fraction: marks.append(time.perf_counter()))
    start = time.perf_counter()
    result, summary = import_to_series(
        paths, "deepstate", ImportOptions(area_of_interest=KURSK_AOI), output, feedback, None
    )
    total = time.perf_counter() - start
    reading = (marks[-1] - start) if marks else float("nan")
    features = sum(len(s.features) for s in result.snapshots)
    return total, reading, len(summary.added), features


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def open_in_plugin(location: str) -> float:
    """Seconds for what opening a series in the plugin does: layers, features and the frames' index."""
    from kursk_tracker.layers.scene import SeriesScene

    project = QgsProject()
    start = time.perf_counter()
    scene = SeriesScene.open(location, project, "en", with_context=False)
    opened = time.perf_counter() - start
    if scene.frames is None or not scene.snapshots():
        raise RuntimeError(f"{location}: the series did not open")
    scene.remove()
    project.clear()
    return opened


def open_in_qgis(app: QgsApplication, location: str) -> tuple[float, float]:
    """Seconds for load_series_layers into a new project, and for remove_series_groups after it."""
    from kursk_tracker.layers.series_layers import load_series_layers, remove_series_groups

    project = QgsProject()
    start = time.perf_counter()
    loaded = load_series_layers(location, project, "en", with_context=False)
    opened = time.perf_counter() - start
    if len(loaded.layers) == 0:
        raise RuntimeError(f"{location}: no layers loaded")
    del loaded
    # What switching to another series costs: the layers (and their providers) go.
    start = time.perf_counter()
    remove_series_groups(project)
    app.processEvents()
    closed = time.perf_counter() - start
    project.clear()
    return opened, closed


def postgis_megabytes(server: PostgisServer, schema: str) -> float:
    import psycopg2

    connection = psycopg2.connect(server.conninfo)
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute(
                "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = %s AND c.relkind = 'r'",
                (schema,),
            )
            return float(cursor.fetchone()[0]) / 1e6
    finally:
        connection.close()


def row(name: str, gpkg: float, pg: float) -> str:
    ratio = pg / gpkg if gpkg > 0 else float("inf")
    return f"{name:<38} {gpkg:>12.3f} {pg:>12.3f} {ratio:>9.2f}x"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=250, help="DeepState files to import (default 250)")
    parser.add_argument("--repeats", type=int, default=3, help="repeats of each opening step (median)")
    parser.add_argument(
        "--import-repeats",
        type=int,
        default=1,
        help="imports into each back end, a fresh target each (best shown; default 1)",
    )
    parser.add_argument(
        "--pg-folder",
        type=Path,
        default=DEFAULT_FOLDER,
        help=f"where the private server's data folder goes (default {DEFAULT_FOLDER})",
    )
    args = parser.parse_args()

    app = QgsApplication([], False)
    app.initQgis()
    from benchmarks.import_deepstate import START
    from kursk_tracker.store.backend import open_store, postgis_location

    server = PostgisServer(folder=args.pg_folder)
    try:
        server.start()
        print(
            f"QGIS {Qgis.QGIS_VERSION}, private PostgreSQL server (bin {server.bindir}) "
            f"started in {server.start_seconds:.1f} s"
        )
        params = server.params
        with tempfile.TemporaryDirectory() as folder:
            began = time.perf_counter()
            paths = generate(Path(folder), args.files, START)
            megabytes = sum(p.stat().st_size for p in paths) / 1e6
            print(f"generated {len(paths)} files, {megabytes:.0f} MB in {time.perf_counter() - began:.1f} s")

            locations: dict[str, list[str]] = {GPKG: [], PG: []}
            imports: dict[str, list[tuple[float, float, int, int]]] = {GPKG: [], PG: []}
            for attempt in range(1, args.import_repeats + 1):
                locations[GPKG].append(str(Path(folder) / f"deepstate_{attempt}.gpkg"))
                locations[PG].append(
                    postgis_location(
                        f"deepstate_{attempt}",
                        host=params["host"],
                        port=params["port"],
                        dbname=params["dbname"],
                        user=params["user"],
                    )
                )
                # Alternate which back end goes first, so that a busy moment weighs on both.
                order = (GPKG, PG) if attempt % 2 else (PG, GPKG)
                for backend in order:
                    imports[backend].append(timed_import(paths, locations[backend][-1]))
                    total, reading, added, features = imports[backend][-1]
                    print(
                        f"import {attempt} into {backend}: {total:.2f} s (reading {reading:.2f} s), "
                        f"{added} snapshots, {features} features"
                    )
            best = {b: min(imports[b]) for b in (GPKG, PG)}
            gpkg_location, pg_location = locations[GPKG][0], locations[PG][0]
            print(
                f"series size: GeoPackage {Path(gpkg_location).stat().st_size / 1e6:.1f} MB, "
                f"PostGIS schema {postgis_megabytes(server, 'deepstate_1'):.1f} MB (tables and indexes)"
            )

            stores = {GPKG: open_store(gpkg_location), PG: open_store(pg_location)}
            snapshots = len(stores[GPKG].read_series().snapshots)
            steps = {
                "read_series()": lambda store: timed(store.read_series),
                "read_content() (series + features)": lambda store: timed(store.read_content),
                "feature_counts()": lambda store: timed(store.feature_counts),
                OPEN: lambda store: open_in_plugin(store.location),
                LAYERS: None,
            }
            opens: dict[str, dict[str, list[float]]] = {s: {GPKG: [], PG: []} for s in [*steps, CLOSE]}
            for repeat in range(args.repeats):
                for name, step in steps.items():
                    order = (GPKG, PG) if repeat % 2 == 0 else (PG, GPKG)
                    for backend in order:
                        if step is None:
                            opened, closed = open_in_qgis(app, stores[backend].location)
                            opens[LAYERS][backend].append(opened)
                            opens[CLOSE][backend].append(closed)
                        else:
                            opens[name][backend].append(step(stores[backend]))
    finally:
        server.stop()

    print()
    print(
        f"{args.files} DeepState files; import: best of {args.import_repeats} per back end; "
        f"open ({snapshots} snapshots): median of {args.repeats}"
    )
    print(f"{'operation':<38} {'GeoPackage s':>12} {'PostGIS s':>12} {'PG/GPKG':>10}")
    print(row("import (read files + write series)", best[GPKG][0], best[PG][0]))
    print(row("  reading the files", best[GPKG][1], best[PG][1]))
    print(row("  writing the series", best[GPKG][0] - best[GPKG][1], best[PG][0] - best[PG][1]))
    medians = {name: {b: statistics.median(v) for b, v in runs.items()} for name, runs in opens.items()}
    for name, median in medians.items():
        print(row(name, median[GPKG], median[PG]))
    print()
    for name, runs in opens.items():
        shown = "; ".join(f"{b} " + ", ".join(f"{s:.3f}" for s in runs[b]) for b in (GPKG, PG))
        print(f"  each run, {name}: {shown}")

    def verdict(gpkg: float, pg: float) -> str:
        ratio = pg / gpkg if gpkg > 0 else float("inf")
        return f"{'yes' if ratio <= WITHIN else 'NO'} ({ratio:.2f}x, {pg - gpkg:+.3f} s)"

    reads = [name for name in medians if name not in (OPEN, LAYERS, CLOSE)]
    print(
        f"PostGIS within {WITHIN:g}x of GeoPackage: import {verdict(best[GPKG][0], best[PG][0])}; "
        f"opening in the plugin {verdict(medians[OPEN][GPKG], medians[OPEN][PG])}; "
        f"of that, the QGIS layers {verdict(medians[LAYERS][GPKG], medians[LAYERS][PG])}"
    )
    print(
        "  store reads: "
        + "; ".join(f"{name} {verdict(medians[name][GPKG], medians[name][PG])}" for name in reads)
    )
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
