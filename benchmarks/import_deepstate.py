"""Benchmark: import 250 daily DeepStateMap-size files clipped to the Kursk area (prints figures).

Usage: .venv/bin/python benchmarks/import_deepstate.py [FILES] [--tracemalloc]
Files are generated (~600 kB each, one day apart from 2024-08-06) into a
temporary folder by tests/deepstate_fixtures.py, then `import_files` reads
them all with the area of interest 34.0,36.2,50.95,51.9 (QGIS extent order)
and `import_into` writes them to a new series GeoPackage.
Target: under 30 s and under 1 GB on a 2-core machine. Not a test: these
machines are shared, so figures are printed, not asserted.
"""

import datetime as dt
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kursk_tracker.core.import_result import Level
from kursk_tracker.importers import deepstate
from kursk_tracker.importers.base import Feedback, ImportOptions
from kursk_tracker.store.operations import import_into
from tests.deepstate_fixtures import KURSK_AOI, kursk_salient, unix_name, write_deepstate_file

START = dt.datetime(2024, 8, 6, tzinfo=dt.timezone.utc)


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    count = int(args[0]) if args else 250
    trace = "--tracemalloc" in sys.argv
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        paths = []
        for day in range(count):
            instant = START + dt.timedelta(days=day)
            path = Path(folder) / unix_name(instant)
            write_deepstate_file(path, instant, salient=kursk_salient(day), seed=day)
            paths.append(path)
        generated = time.perf_counter() - start
        megabytes = sum(p.stat().st_size for p in paths) / 1e6
        print(
            f"generated {count} files, {megabytes:.0f} MB "
            f"({megabytes / count * 1000:.0f} kB each) in {generated:.1f} s"
        )

        options = ImportOptions(area_of_interest=KURSK_AOI)
        if trace:
            tracemalloc.start()
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        result = deepstate.import_files(paths, options, Feedback())
        read_seconds = time.perf_counter() - start
        # The whole import writes the series too (the atomic GeoPackage write).
        summary = import_into(Path(folder) / "series.gpkg", result)
        seconds = time.perf_counter() - start
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        traced = tracemalloc.get_traced_memory()[1] if trace else None
        if trace:
            tracemalloc.stop()

    features = sum(len(s.features) for s in result.snapshots)
    problems = [i for i in result.issues if i.level != Level.INFO]
    print(
        f"imported {len(result.snapshots)} snapshots, {features} features "
        f"({len(problems)} warnings/errors) in {seconds:.2f} s = {count / seconds:.0f} files/s "
        f"(reading {read_seconds:.2f} s, writing {len(summary.added)} snapshots to the series "
        f"{seconds - read_seconds:.2f} s)" + (" (under tracemalloc, slower)" if trace else "")
    )
    # ru_maxrss is in kB on Linux: the peak of the whole process, generation included.
    print(f"peak RSS {rss_after / 1024:.0f} MB (before the import {rss_before / 1024:.0f} MB)")
    if traced is not None:
        print(f"tracemalloc peak during the import {traced / 1e6:.0f} MB")
    print("target: < 30 s, < 1 GB -> " + ("met" if seconds < 30 and rss_after < 1024 * 1024 else "NOT met"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
