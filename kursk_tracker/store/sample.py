"""The sample series shipped in resources/, opened from a working copy.

QGIS opens GeoPackages for writing side files (-wal, -shm) next to them; the
plugin's own folder may be read-only or a git checkout, so the sample is
copied to a folder of the user's and opened there.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from ..toolbelt.paths import resource

SAMPLE_FILE = ("sample", "kursk_sample.gpkg")


def sample_series_path() -> Path:
    """The shipped sample (read it; don't open it in QGIS)."""
    return resource(*SAMPLE_FILE)


def sample_working_copy(folder: str | os.PathLike[str]) -> Path:
    """A copy of the sample in `folder`, renewed when the shipped one changed.

    QGIS changes the copy as it opens it (journal mode), so the shipped
    sample's checksum, kept beside the copy, tells whether it is current.
    """
    source = sample_series_path()
    folder = Path(folder)
    target = folder / source.name
    stamp = folder / f"{source.name}.sha256"
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    if target.exists() and stamp.exists() and stamp.read_text(encoding="ascii").strip() == digest:
        return target
    folder.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=".kt-", suffix=".gpkg", dir=folder)
    os.close(handle)
    try:
        shutil.copyfile(source, tmp)
        for side_file in (f"{target}-wal", f"{target}-shm"):
            if os.path.exists(side_file):
                os.unlink(side_file)
        os.replace(tmp, target)
        stamp.write_text(digest + "\n", encoding="ascii")
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target
