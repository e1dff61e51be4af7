"""Raw DeepStateMap answers kept on disk (pure Python): one file per snapshot id, plus the last history list.

Only answers that were checked (a FeatureCollection, a list of records) are
put here, each written to a temporary file and renamed into place, so a
crash never leaves half a file under a snapshot's name. Reading a file marks
it as used; when the folder grows past its bound, the files used longest ago
go first. The history list is kept so an update can plan from it when the
service cannot be reached.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path

HISTORY = "history.json"
SUFFIX = ".geojson"


class SnapshotCache:
    """A bounded folder of raw answers keyed by snapshot id; `max_bytes` 0 keeps nothing."""

    def __init__(self, folder: Path, max_bytes: int) -> None:
        self.folder = Path(folder)
        self.max_bytes = max(0, int(max_bytes))

    def path(self, record_id: int) -> Path:
        return self.folder / f"{int(record_id)}{SUFFIX}"

    def get(self, record_id: int) -> bytes | None:
        """The answer kept for `record_id`, or None."""
        return self._read(self.path(record_id))

    def put(self, record_id: int, data: bytes) -> None:
        """Keep a checked answer for `record_id`, then keep the folder within its bound."""
        if self.max_bytes <= 0 or len(data) > self.max_bytes:
            return
        self._write(self.path(record_id), data)
        self.evict(keep=self.path(record_id))

    def get_history(self) -> tuple[bytes, float] | None:
        """The last history list kept and when it was fetched (Unix time), or None."""
        path = self.folder / HISTORY
        data = self._read(path, touch=False)
        if data is None:
            return None
        try:
            return data, path.stat().st_mtime
        except OSError:
            return None

    def put_history(self, data: bytes) -> None:
        if self.max_bytes > 0:
            self._write(self.folder / HISTORY, data)

    def files(self) -> list[Path]:
        """The snapshot files kept (not the history list)."""
        try:
            return [p for p in self.folder.iterdir() if p.is_file() and p.suffix == SUFFIX]
        except OSError:
            return []

    def size(self) -> int:
        """Bytes kept, the history list included."""
        total = 0
        for path in [*self.files(), self.folder / HISTORY]:
            with contextlib.suppress(OSError):
                total += path.stat().st_size
        return total

    def clear(self) -> int:
        """Remove everything kept (and stray temporary files); returns the number of snapshots removed."""
        removed = 0
        try:
            paths = list(self.folder.iterdir())
        except OSError:
            return 0
        for path in paths:
            if path.is_file() and (path.suffix in (SUFFIX, ".tmp") or path.name == HISTORY):
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += path.suffix == SUFFIX
        return removed

    def evict(self, keep: Path | None = None) -> None:
        """Remove the snapshots used longest ago until the folder is within its bound."""
        entries = []
        for path in self.files():
            with contextlib.suppress(OSError):
                stat = path.stat()
                entries.append((stat.st_mtime, stat.st_size, path))
        total = sum(size for _mtime, size, _path in entries)
        for _mtime, size, path in sorted(entries, key=lambda entry: entry[0]):
            if total <= self.max_bytes:
                break
            if path == keep:
                continue
            with contextlib.suppress(OSError):
                path.unlink()
                total -= size

    @staticmethod
    def _read(path: Path, touch: bool = True) -> bytes | None:
        try:
            data = path.read_bytes()
        except OSError:
            return None
        if touch:
            with contextlib.suppress(OSError):
                now = time.time()
                os.utime(path, (now, now))
        return data

    def _write(self, path: Path, data: bytes) -> None:
        """Write `data` to `path` whole or not at all (a full disk leaves the old file or none)."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
