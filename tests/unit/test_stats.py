"""Held areas in km², geodesic, and the change from the previous snapshot."""

from __future__ import annotations

import datetime as dt
import math

from shapely.geometry import Polygon, box

from kursk_tracker.core.series import Series, Side, Snapshot
from kursk_tracker.core.stats import area_km2, area_table, held_by_side

UTC = dt.timezone.utc


def test_a_one_degree_cell_at_the_equator_has_its_known_area():
    # A 1°x1° cell at the equator on WGS84: 12,308.8 km² (from the closed form
    # of an ellipsoidal zone: 2*pi*b^2 * (...), here to 0.1%).
    assert math.isclose(area_km2(box(0, 0, 1, 1)), 12308.78, rel_tol=1e-3)


def test_orientation_and_holes_are_handled():
    shell = [(35, 51), (35.4, 51), (35.4, 51.3), (35, 51.3)]
    hole = [(35.1, 51.1), (35.2, 51.1), (35.2, 51.2), (35.1, 51.2)]
    outer = area_km2(Polygon(shell))
    assert math.isclose(area_km2(Polygon(shell[::-1])), outer)
    holed = area_km2(Polygon(shell, [hole]))
    assert math.isclose(holed, outer - area_km2(Polygon(hole)), rel_tol=1e-9)


def test_table_gives_area_and_change_per_side_and_status():
    series = Series(
        {"en": "t"},
        [Side("UA", {}, "#00f")],
        dt.date(2024, 8, 6),
        snapshots=[
            Snapshot(1, dt.datetime(2024, 10, 22, 21, tzinfo=UTC)),
            Snapshot(2, dt.datetime(2024, 10, 29, 21, tzinfo=UTC)),
        ],
    )
    big, small = box(35, 51, 35.2, 51.2), box(35, 51, 35.1, 51.2)
    rows = area_table(
        series, [(1, "UA", "controlled", big), (2, "UA", "controlled", small), (1, None, "contested", small)]
    )
    by_key = {(r.snapshot_id, r.side, r.status): r for r in rows}
    assert math.isclose(by_key[(2, "UA", "controlled")].change_km2, area_km2(small) - area_km2(big))
    assert by_key[(2, "", "contested")].area_km2 == 0.0  # gone: a loss of its whole area
    assert math.isclose(by_key[(2, "", "contested")].change_km2, -area_km2(small))
    assert by_key[(2, "UA", "controlled")].week == 12
    assert held_by_side(rows, 2) == {"UA": by_key[(2, "UA", "controlled")].area_km2}
