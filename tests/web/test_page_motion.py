"""While the instant moves (frames in quick succession, or playing) the area layers are drawn
without their outline bands; 150 ms after the last change the full picture is back. A single
change, and every still picture, has the outlines. The filters' region follows the map."""

from __future__ import annotations

from tests.web.conftest import open_page, page_errors
from tests.web.fixture_data import SNAPSHOT_TIMES

OUTLINED = "return document.querySelectorAll('.leaflet-kt-areas-pane path[filter]').length;"
WAIT = "const ms = arguments[0]; return new Promise(function (r) { setTimeout(r, ms); });"


def test_outlines_only_while_the_instant_moves(browser, tiny_page):
    open_page(browser, tiny_page)
    full = browser.execute_script(OUTLINED)
    assert full > 0
    browser.execute_script("KurskTracker.show(arguments[0]);", SNAPSHOT_TIMES[0])
    browser.execute_script(WAIT, 300)
    browser.execute_script("KurskTracker.show(arguments[0]);", SNAPSHOT_TIMES[1])
    assert browser.execute_script(OUTLINED) == full  # one change: drawn in full at once
    browser.set_script_timeout(10)
    moving = browser.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        const t0 = Date.parse(arguments[0]), t1 = Date.parse(arguments[1]);
        let k = 0;
        function frame() {
          KurskTracker.show(new Date(t0 + (t1 - t0) * k / 20).toISOString());
          if (++k <= 20) requestAnimationFrame(frame);
          else done(document.querySelectorAll('.leaflet-kt-areas-pane path[filter]').length);
        }
        requestAnimationFrame(frame);
        """,
        SNAPSHOT_TIMES[0],
        SNAPSHOT_TIMES[1],
    )
    assert moving == 0
    browser.execute_script(WAIT, 400)
    assert browser.execute_script(OUTLINED) == full
    assert page_errors(browser) == []


def test_the_filters_region_is_the_drawn_bounds(browser, tiny_page):
    open_page(browser, tiny_page)
    region = browser.execute_script(
        """
        const svg = document.querySelector('.leaflet-kt-areas-pane svg');
        const vb = svg.getAttribute('viewBox').split(' ').map(Number);
        const f = document.getElementById('kt-front');
        const region = ['x', 'y', 'width', 'height'].map(a => Number(f.getAttribute(a)));
        return [f.getAttribute('filterUnits'), vb, region];
        """
    )
    units, (x, y, w, h), (fx, fy, fw, fh) = region
    assert units == "userSpaceOnUse"
    assert fx < x and fy < y and fx + fw > x + w and fy + fh > y + h
    assert fx > x - 40 and fy > y - 40
