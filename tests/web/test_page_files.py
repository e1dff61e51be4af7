"""The page's scripts: files a developer can find things in (each ≤ 500 lines), and the
writer's one ordered list (web_page.PAGE_SCRIPTS) agreeing with the files on disk and with
what a written page loads."""

from __future__ import annotations

import re

from kursk_tracker.export.web_page import PAGE_FILES, PAGE_SCRIPTS, check_assets, web_dir, write_page
from tests.web.fixture_data import tiny_data

MAX_LINES = 500


def test_every_script_is_at_most_500_lines():
    for path in sorted((web_dir() / "js").glob("*.js")):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= MAX_LINES, f"{path.name}: {lines} lines"


def test_the_writers_list_is_the_scripts_on_disk():
    on_disk = {f"js/{p.name}" for p in (web_dir() / "js").glob("*.js")}
    assert len(set(PAGE_SCRIPTS)) == len(PAGE_SCRIPTS)
    assert set(PAGE_SCRIPTS) == on_disk
    assert not list(web_dir().glob("*.js")), "scripts belong in js/ and in PAGE_SCRIPTS"
    assert set(PAGE_SCRIPTS) <= set(PAGE_FILES)
    check_assets()


def test_base_runs_first_and_the_api_last():
    assert PAGE_SCRIPTS[0] == "js/base.js"
    assert PAGE_SCRIPTS[-1] == "js/api.js"


def test_a_script_uses_only_what_the_ones_before_it_define():
    """Each script takes `var name = P.name` at its start; an earlier one must set `P.name = …`."""
    defined: set[str] = set()
    for name in PAGE_SCRIPTS:
        text = (web_dir() / name).read_text(encoding="utf-8")
        used = {m.group(1) for m in re.finditer(r"([\w$]+) = P\.\1(?![\w$])", text)}
        missing = used - defined
        assert not missing, f"{name} uses {sorted(missing)} before any script defines them"
        defined |= set(re.findall(r"\bP\.([\w$]+) = ", text))


def test_the_folder_page_loads_the_scripts_in_order(tmp_path):
    page = write_page(tiny_data("en"), tmp_path / "out", single_file=False).path
    html = page.read_text(encoding="utf-8")
    sources = re.findall(r'<script src="([^"]+)"></script>', html)
    assert sources == ["vendor/leaflet/leaflet.js", "data.js", *PAGE_SCRIPTS]
    for name in PAGE_SCRIPTS:
        assert (page.parent / name).read_bytes() == (web_dir() / name).read_bytes()


def test_the_single_file_inlines_the_scripts_in_order(tmp_path):
    page = write_page(tiny_data("en"), tmp_path / "page.html", single_file=True).path
    html = page.read_text(encoding="utf-8")
    firsts = [(web_dir() / name).read_text(encoding="utf-8").split("\n", 1)[0] for name in PAGE_SCRIPTS]
    starts = [html.index(line) for line in firsts]
    assert starts == sorted(starts)
    assert html.index("window.KurskTrackerData = ") < starts[0]
