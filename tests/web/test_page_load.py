"""The page loads from file:// on its own: no request to any other origin."""

from __future__ import annotations

from kursk_tracker.export.web_page import PAGE_SCRIPTS
from tests.web.conftest import foreign_requests, open_page, page_errors, requested_urls
from tests.web.fixture_data import tiny_data
from tests.web.page_build import build_page


def test_folder_page_loads_without_other_origin(browser, tiny_page):
    requested_urls(browser)  # forget what the browser did before
    open_page(browser, tiny_page)
    urls = requested_urls(browser)
    names = {u.rsplit("/", 1)[-1] for u in urls}
    assert {
        "index.html",
        "leaflet.js",
        "leaflet.css",
        "data.js",
        "kursk_tracker.css",
        *(name.rsplit("/", 1)[-1] for name in PAGE_SCRIPTS),
    } <= names
    assert all(u.startswith("file://") for u in urls if not u.startswith("data:")), urls
    assert foreign_requests(urls) == []
    assert page_errors(browser) == []


def test_single_file_page_loads_without_any_other_file(browser, tmp_path, language):
    page = build_page(tiny_data(language), tmp_path / "kursk.html", single_file=True)
    assert [p.name for p in tmp_path.iterdir()] == ["kursk.html"]
    requested_urls(browser)
    open_page(browser, page)
    urls = requested_urls(browser)
    assert [u for u in urls if not u.startswith("data:")] == [page.resolve().as_uri()]
    assert page_errors(browser) == []
    assert browser.execute_script("return KurskTracker.instant()") == "2024-11-05T21:00:00Z"


def test_a_basemap_is_the_only_way_out(browser, tmp_path, language):
    """The check above would see a request elsewhere: with a basemap the tiles are asked for."""
    data = tiny_data(language)
    data["basemap"] = {"url": "http://127.0.0.1:9/{z}/{x}/{y}.png", "attribution": "Test tiles"}
    page = build_page(data, tmp_path / "basemap")
    requested_urls(browser)
    open_page(browser, page)
    foreign = foreign_requests(requested_urls(browser))
    assert foreign
    assert all(u.startswith("http://127.0.0.1:9/") and u.endswith(".png") for u in foreign), foreign
    assert "Test tiles" in browser.find_element("css selector", ".leaflet-control-attribution").text
