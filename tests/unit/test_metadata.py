"""metadata.txt is complete for the plugin repository and the code reads it."""

from __future__ import annotations

import configparser
import re

import kursk_tracker.__about__ as about

REQUIRED = (
    "name",
    "description",
    "about",
    "version",
    "qgisMinimumVersion",
    "qgisMaximumVersion",
    "author",
    "email",
    "tracker",
    "repository",
    "homepage",
    "tags",
    "category",
    "hasProcessingProvider",
    "changelog",
    "icon",
)


def _metadata(repo_root):
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keep the keys' case as QGIS reads them
    parser.read(repo_root / "metadata.txt", encoding="utf-8")
    return parser["general"]


def test_metadata_has_every_key_the_plugin_repository_asks_for(repo_root):
    general = _metadata(repo_root)
    missing = [key for key in REQUIRED if not general.get(key, "").strip()]
    assert missing == []
    assert general["qgisMinimumVersion"] == "3.22"
    assert general["qgisMaximumVersion"] == "4.99"
    assert general["hasProcessingProvider"] == "yes"
    assert re.fullmatch(r"\d+\.\d+\.\d+", general["version"])
    assert re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]+", general["email"])
    for key in ("tracker", "repository", "homepage"):
        assert general[key].startswith("https://")
    assert (repo_root / general["icon"]).is_file()


def test_the_code_reads_its_version_from_metadata(repo_root):
    general = _metadata(repo_root)
    assert about.__version__ == general["version"]
    assert about.__title__ == general["name"] == "Kursk Tracker"
