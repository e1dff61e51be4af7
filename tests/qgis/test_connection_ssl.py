"""A saved PostgreSQL connection's SSL mode reaches the plugin's own database connection."""

from __future__ import annotations

import pytest
from qgis.core import QgsDataSourceUri

from kursk_tracker.store.backend import uri_keywords


@pytest.mark.parametrize("mode", ["disable", "allow", "require", "verify-ca", "verify-full"])
def test_the_ssl_mode_of_a_connection_is_kept(mode):
    uri = QgsDataSourceUri(f"host=db.example.org port=5432 dbname=news user=editor sslmode={mode}")
    assert uri_keywords(uri)["sslmode"] == mode


def test_the_default_ssl_mode_is_left_to_libpq():
    assert "sslmode" not in uri_keywords(QgsDataSourceUri("host=db.example.org dbname=news sslmode=prefer"))
