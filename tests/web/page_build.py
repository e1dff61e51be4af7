"""The page for a data object, written by the plugin's own writer
(kursk_tracker/export/web_page.py: a folder with index.html beside its
scripts, or one self-contained HTML file)."""

from __future__ import annotations

from pathlib import Path

from kursk_tracker.export.web_page import leaflet_dir, write_page

LEAFLET = leaflet_dir()


def build_page(data: dict, target: Path, single_file: bool = False) -> Path:
    """Write the page; returns the HTML file to open."""
    return write_page(data, target, single_file).path
