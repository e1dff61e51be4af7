"""The timeline's keyboard and buttons change the instant."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from tests.web.conftest import open_page
from tests.web.fixture_data import MID_PAIR, SNAPSHOT_TIMES, ms, tiny_data

DAY = 86400000


@pytest.fixture
def page(browser, tiny_page):
    open_page(browser, tiny_page)
    browser.execute_script("KurskTracker.show(arguments[0])", MID_PAIR)
    browser.find_element("id", "kt-slider").click()  # focus (a click also moves it)
    browser.execute_script("KurskTracker.show(arguments[0])", MID_PAIR)
    return browser


def now(browser) -> int:
    return ms(browser.execute_script("return KurskTracker.instant()"))


def press(browser, key) -> None:
    ActionChains(browser).send_keys(key).perform()


def test_arrow_keys_step_a_day(page):
    press(page, Keys.ARROW_RIGHT)
    assert now(page) == ms(MID_PAIR) + DAY
    press(page, Keys.ARROW_LEFT)
    press(page, Keys.ARROW_LEFT)
    assert now(page) == ms(MID_PAIR) - DAY


def test_page_keys_step_between_snapshots(page):
    press(page, Keys.PAGE_UP)
    assert now(page) == ms(SNAPSHOT_TIMES[1])
    press(page, Keys.PAGE_UP)
    assert now(page) == ms(SNAPSHOT_TIMES[2])
    press(page, Keys.PAGE_DOWN)
    assert now(page) == ms(SNAPSHOT_TIMES[1])
    press(page, Keys.PAGE_DOWN)
    assert now(page) == ms(SNAPSHOT_TIMES[0])


def test_space_plays_and_pauses(page):
    press(page, Keys.SPACE)
    assert page.execute_script("return KurskTracker.playing()")
    page.execute_script("return new Promise(function (r) { setTimeout(r, 300); })")
    press(page, Keys.SPACE)
    assert not page.execute_script("return KurskTracker.playing()")
    assert now(page) > ms(MID_PAIR)
    assert page.find_element("id", "kt-play").get_attribute("aria-pressed") == "false"


def test_buttons(page, language):
    page.find_element("id", "kt-next").click()
    assert now(page) == ms(SNAPSHOT_TIMES[1])
    page.find_element("id", "kt-week-back").click()
    assert now(page) == ms(SNAPSHOT_TIMES[1]) - 7 * DAY
    page.find_element("id", "kt-day-forward").click()
    assert now(page) == ms(SNAPSHOT_TIMES[1]) - 6 * DAY
    page.find_element("id", "kt-prev").click()
    assert now(page) == ms(SNAPSHOT_TIMES[0])
    label = page.find_element("id", "kt-next").get_attribute("aria-label")
    assert label == tiny_data(language)["words"]["next_snapshot"]


def test_loop_plays_on_from_the_start(page):
    page.execute_script("KurskTracker.show(arguments[0])", SNAPSHOT_TIMES[-1])
    page.find_element("id", "kt-loop").click()
    page.find_element("id", "kt-speed").send_keys("4")
    page.execute_script("KurskTracker.play()")
    page.execute_script("return new Promise(function (r) { setTimeout(r, 300); })")
    assert page.execute_script("return KurskTracker.playing()")
    assert now(page) < ms(SNAPSHOT_TIMES[1])
    page.execute_script("KurskTracker.pause()")
