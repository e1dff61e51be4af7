"""The German translation is complete, current, and compiled."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

LANGUAGES = ("de",)


def _messages(ts_path):
    root = ET.parse(ts_path).getroot()
    return {
        (context.findtext("name"), message.findtext("source")): message.find("translation")
        for context in root.iter("context")
        for message in context.iter("message")
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_unfinished_or_empty_translation(repo_root, language):
    messages = _messages(repo_root / "i18n" / f"kursk_tracker_{language}.ts")
    assert messages, "no messages in the translation file"
    unfinished = [
        src
        for (_ctx, src), tr in messages.items()
        if tr is None
        or tr.get("type") in ("unfinished", "obsolete", "vanished")
        or not (tr.text or "").strip()
    ]
    assert unfinished == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_in_the_code_is_in_the_translation(repo_root, tmp_path, language):
    pylupdate = shutil.which("pylupdate5")
    if pylupdate is None:
        pytest.skip("pylupdate5 is not installed (make test installs it)")
    sources = sorted(str(p) for p in (repo_root / "kursk_tracker").rglob("*.py"))
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [pylupdate, "-noobsolete", *sources, "-ts", str(fresh)],
        check=True,
        capture_output=True,
        env={"LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"},
    )
    in_code = set(_messages(fresh))
    in_ts = set(_messages(repo_root / "i18n" / f"kursk_tracker_{language}.ts"))
    assert sorted(in_code - in_ts) == [], "run `make translations` and translate the new strings"


@pytest.mark.parametrize("placeholder_language", LANGUAGES)
def test_translations_keep_their_placeholders(repo_root, placeholder_language):
    import re

    messages = _messages(repo_root / "i18n" / f"kursk_tracker_{placeholder_language}.ts")
    for (_ctx, source), translation in messages.items():
        wanted = sorted(re.findall(r"\{\w*\}", source))
        assert sorted(re.findall(r"\{\w*\}", translation.text or "")) == wanted, source


def test_no_tr_call_hides_where_the_translation_tools_cannot_see_it(repo_root):
    """pylupdate5 reads tr("…") calls as text: one inside an f-string, or with a string that is
    not a literal, is never extracted and so never translated (the Export panel's "Web page"
    heading stayed English in a German QGIS)."""
    import ast

    hidden = []
    for path in sorted((repo_root / "kursk_tracker").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Call) and getattr(inner.func, "id", "") == "tr":
                        hidden.append(f"{path.relative_to(repo_root)}:{inner.lineno}")
    assert hidden == []
