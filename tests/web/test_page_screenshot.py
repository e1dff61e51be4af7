"""What the page draws: not blank, the layers' colours, and no seams between a layer's parts."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.web.conftest import open_page
from tests.web.fixture_data import MID_PAIR, UA


@pytest.fixture
def page(browser, tiny_page):
    open_page(browser, tiny_page, "#" + MID_PAIR)
    return browser


def map_image(browser) -> Image.Image:
    png = browser.find_element("id", "kt-map").screenshot_as_png
    return Image.open(io.BytesIO(png)).convert("RGB")


def point(browser, lon: float, lat: float) -> tuple[int, int]:
    x, y = browser.execute_script(
        "var p = KurskTracker.map.latLngToContainerPoint([arguments[1], arguments[0]]); return [p.x, p.y];",
        lon,
        lat,
    )
    return round(x), round(y)


def blend(colour: str, opacity: float, under=(0xEF, 0xEF, 0xEB)) -> tuple[int, ...]:
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return tuple(round(c * opacity + u * (1 - opacity)) for c, u in zip(rgb, under))


def near(a, b, tolerance=6) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b))


def test_screenshot_is_not_blank(page):
    image = map_image(page)
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None
    assert len(colours) > 50, "the map is (nearly) one colour"
    # the biggest colour is not everything: areas, lines and labels cover a good part
    assert max(count for count, _ in colours) < 0.8 * image.width * image.height


def test_areas_in_their_colours_without_seams(page):
    image = map_image(page)
    fill = blend(UA, 0.37)
    # UA/controlled at MID_PAIR: the common ground (35.00–35.15) and patch 0's level 1
    # (35.15–35.175) meet at 35.15; along 51.05 the layer is one even fill.
    x0, y = point(page, 35.03, 51.05)
    x1, _ = point(page, 35.165, 51.05)
    x_edge, _ = point(page, 35.15, 51.05)
    assert x0 < x_edge < x1
    off = [(x, image.getpixel((x, y))) for x in range(x0, x1) if not near(image.getpixel((x, y)), fill)]
    assert off == [], f"not the fill {fill} at {off[:5]}"


def test_front_line_runs_between_the_sides(page):
    image = map_image(page)
    # at MID_PAIR the boundary between UA and RU along 51.05 is at 35.175 (patch 0, level 1)
    x, y = point(page, 35.175, 51.05)
    dark = [image.getpixel((x + dx, y)) for dx in range(-3, 4)]
    assert any(max(p) < 60 for p in dark), dark
    white = [image.getpixel((x + dx, y)) for dx in range(-6, 7)]
    assert any(min(p) > 235 for p in white), white


def test_front_only_for_its_sides_and_not_beyond_the_border(browser, tmp_path, language):
    """front.sides: RU's outer edge is no front; front.not_front: nor is UA's edge on the border."""
    from tests.web.fixture_data import rect, tiny_data
    from tests.web.page_build import build_page

    data = tiny_data(language)
    data["front"]["sides"] = ["UA"]
    data["front"]["not_front"] = rect(34.5, 50.5, 36.0, 51.0)  # "beyond the border": south of 51.00
    open_page(browser, build_page(data, tmp_path / "front"), "#" + MID_PAIR)
    image = map_image(browser)

    def darkest(lon, lat, reach=4):  # the least bright pixel near a point (black: 0)
        x, y = point(browser, lon, lat)
        return min(
            max(image.getpixel((x + dx, y + dy))) for dx in range(-reach, reach + 1) for dy in (-1, 0, 1)
        )

    assert darkest(35.175, 51.05) < 60  # UA's edge against RU: front
    assert darkest(35.00, 51.15) < 60  # UA's western edge: front
    assert darkest(35.40, 51.15) > 100  # RU's eastern edge: no front drawn for RU
    x, y = point(browser, 35.05, 51.00)  # UA's southern edge lies on the "border"
    assert min(max(image.getpixel((x, y + dy))) for dy in range(-4, 5)) > 100
