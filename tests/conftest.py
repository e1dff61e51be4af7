"""Shared fixtures. pytest-qgis starts QGIS (headless) for the whole session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# A private PostgreSQL/PostGIS server for the team-store tests (started on first use).
pytest_plugins = ["tests.postgis_server"]

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture
def repo_root() -> Path:
    return ROOT
