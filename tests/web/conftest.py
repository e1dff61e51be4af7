"""Headless Chromium (Debian's chromium and chromium-driver) for the web page's tests.

`browser` starts one Chromium for the module with a fresh profile and the
performance log on, so a test can list every request the page made."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.web.fixture_data import tiny_data
from tests.web.page_build import LEAFLET, build_page

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
)


def chromium_binary() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def start_chromium(width: int = 1280, height: int = 720, profile: str | None = None):
    """A Selenium driver for headless Chromium; the caller quits it."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium_binary() or "chromium"
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--window-size={width},{height}")
    options.add_argument(f"--user-data-dir={profile or tempfile.mkdtemp(prefix='kt-chromium-')}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    # The page's viewport itself at width x height (the window is larger by its frame).
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )
    return driver


def requested_urls(driver) -> list[str]:
    """Every URL the browser asked for since the last call (CDP Network events)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def foreign_requests(urls: list[str]) -> list[str]:
    """The URLs that left file:// for another origin (data: and about: stay in the page)."""
    return [u for u in urls if urlsplit(u).scheme not in ("file", "data", "about", "blob")]


def open_page(driver, page: Path, fragment: str = "", timeout: float = 20) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get_log("browser")  # page_errors() then reports this page's errors only
    driver.get(page.resolve().as_uri() + fragment)
    WebDriverWait(driver, timeout).until(
        lambda d: d.execute_script("return !!(window.KurskTracker && window.KurskTracker.ready)")
    )


def page_errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


@pytest.fixture(scope="module")
def browser() -> Iterator:
    if chromium_binary() is None or shutil.which("chromedriver") is None:
        pytest.fail("chromium and chromium-driver are missing: run 'make setup' (apt) first")
    if not (LEAFLET / "leaflet.js").exists():
        pytest.fail("Leaflet is missing: run 'make vendor'")
    profile = tempfile.mkdtemp(prefix="kt-chromium-")
    driver = start_chromium(profile=profile)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module", params=["de", "en"])
def language(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def tiny_page(tmp_path_factory, language) -> Path:
    return build_page(tiny_data(language), tmp_path_factory.mktemp(f"page_{language}"))
