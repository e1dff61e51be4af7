"""The words printed on maps: one table, every word in every language, nowhere else."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from kursk_tracker.core.series import Series, Side, Snapshot
from kursk_tracker.core.timefmt import format_day, format_instant, parse_utc, week_label
from kursk_tracker.core.wording import (
    LANGUAGES,
    LEGEND_KEYS,
    WORDS,
    MissingWordError,
    format_km2,
    section,
    word,
    word_list,
)
from kursk_tracker.export.wording import LEGEND_WORDS, lagebild_text

PACKAGE = Path(__file__).resolve().parents[2] / "kursk_tracker"
WORDING_MODULE = PACKAGE / "core" / "wording.py"
DATA_DEFAULTS = {
    PACKAGE / "store" / "operations.py": "the default sides' names of a new series",
    PACKAGE / "importers" / "deepstate.py": "the sides' names of a DeepState series",
}
"""Per-language names that are a series' data (stored with it, editable), not words of the map."""

BERLIN = "Europe/Berlin"


@pytest.mark.parametrize("key", sorted(WORDS))
def test_every_word_is_there_in_every_language(key):
    assert set(WORDS[key]) == set(LANGUAGES)
    values = list(WORDS[key].values())
    assert all(type(value) is type(values[0]) for value in values)
    if isinstance(values[0], tuple):
        assert len({len(value) for value in values}) == 1
    for value in values:
        assert all(text.strip() for text in ((value,) if isinstance(value, str) else value))


@pytest.mark.parametrize("key", sorted(WORDS))
def test_a_pattern_has_the_same_fields_in_every_language(key):
    def fields(pattern: str) -> set[str]:
        import string

        return {name for _text, name, _spec, _conversion in string.Formatter().parse(pattern) if name}

    values = [value for value in WORDS[key].values() if isinstance(value, str)]
    assert len({frozenset(fields(value)) for value in values}) <= 1


def test_an_unknown_language_reads_english():
    assert word("lagebild.places", "fr_FR") == "Places"
    assert word("lagebild.places", "") == "Places"
    assert word("lagebild.places", "de_AT") == "Orte"


def test_a_missing_word_is_named_in_the_error():
    with pytest.raises(MissingWordError, match=r"lagebild\.no_such_word"):
        word("lagebild.no_such_word", "de")
    with pytest.raises(KeyError):
        word("no_such_word", "en")


def test_a_list_of_words_and_a_word_are_not_mixed_up():
    assert word_list("date.months", "de")[9] == "Oktober"
    with pytest.raises(TypeError):
        word("date.months", "de")
    with pytest.raises(TypeError):
        word_list("lagebild.places", "de")


def test_the_lagebild_and_legend_views_come_from_the_table():
    assert section("lagebild.", "de")["title"] == "Lagebild der {name} am {when}"
    assert list(LEGEND_WORDS["en"]) == list(LEGEND_KEYS)
    assert LEGEND_WORDS["de"]["Controlled"] == "kontrolliert"


def _word_like(node: ast.AST) -> bool:
    """A string, or a tuple, list or dict of strings: words, not data read from somewhere."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, (ast.Tuple, ast.List)):
        return bool(node.elts) and all(_word_like(element) for element in node.elts)
    if isinstance(node, ast.Dict):
        return bool(node.values) and all(_word_like(value) for value in node.values)
    return isinstance(node, ast.JoinedStr)


def _language_word_dicts(tree: ast.AST) -> list[int]:
    """Lines of dict literals keyed by English and another language with words as values."""
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Dict):
            continue
        by_key = {
            key.value: value
            for key, value in zip(node.keys, node.values)
            if isinstance(key, ast.Constant) and isinstance(key.value, str)
        }
        others = [language for language in LANGUAGES[1:] if language in by_key]
        if others and any(_word_like(by_key[language]) for language in others):
            lines.append(node.lineno)
    return lines


def _language_branches(tree: ast.AST) -> list[int]:
    """Lines comparing something with a language code: `if lang == "de"` chooses words."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and any(isinstance(op, (ast.Eq, ast.NotEq)) for op in node.ops):
            operands = [node.left, *node.comparators]
            if any(isinstance(o, ast.Constant) and o.value in LANGUAGES[1:] for o in operands):
                lines.append(node.lineno)
    return lines


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        if path != WORDING_MODULE:
            yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_no_module_but_the_wording_module_keeps_words_per_language():
    found = {
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for path, tree in _modules()
        if path not in DATA_DEFAULTS
        for line in _language_word_dicts(tree)
    }
    assert not found, "printed words belong in kursk_tracker/core/wording.py"


def test_the_scan_finds_words_per_language_and_the_data_defaults_still_hold_them():
    assert _language_word_dicts(ast.parse('SUMMARY = {"en": ("a", "b"), "de": ("c", "d")}'))
    assert _language_word_dicts(ast.parse('ZONES = {"de": {"CET": "MEZ"}}'))
    assert not _language_word_dicts(ast.parse('names = {"en": name, "de": name}'))
    for path in DATA_DEFAULTS:  # an exclusion for a file that no longer needs it is a stale one
        assert _language_word_dicts(ast.parse(path.read_text(encoding="utf-8"))), path


def test_no_map_words_are_chosen_by_comparing_the_language():
    # gui/ speaks the interface's language (tr(), QLocale), not the map's.
    found = {
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for path, tree in _modules()
        if PACKAGE / "gui" not in path.parents
        for line in _language_branches(tree)
    }
    assert not found, "a word that depends on the language belongs in kursk_tracker/core/wording.py"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("de", "29. Oktober 2024, 22:00 MEZ"), ("en", "29 October 2024, 22:00 CET")],
)
def test_the_date_of_week_12_in_both_languages(language, expected):
    assert format_instant(parse_utc("2024-10-29T21:00:00Z"), BERLIN, language) == expected


def test_the_weeks_in_both_languages():
    assert week_label(0, "de") == "Woche 0"
    assert week_label(12, "de") == "12. Woche"
    assert week_label(0, "en") == "week 0"


@pytest.mark.parametrize(
    ("language", "changed", "unchanged"),
    [
        ("de", "+12,4 km² RU seit 22. Oktober", "Keine Änderung seit 22. Oktober"),
        ("en", "+12.4 km² RU since 22 October", "No change since 22 October"),
    ],
)
def test_the_change_summary_in_both_languages(language, changed, unchanged):
    # As layers/scene.py's change_summary puts it together.
    day = format_day(parse_utc("2024-10-22T20:00:00Z"), BERLIN, language, with_year=False)
    changes = f"+{format_km2(12.4, language)} RU"
    assert word("summary.changed", language).format(changes=changes, day=day) == changed
    assert word("summary.unchanged", language).format(day=day) == unchanged


def _series() -> Series:
    snapshots = [
        Snapshot(1, parse_utc("2024-10-22T20:00:00Z"), captions={"de": "Vorstoß", "en": "Advance"}),
        Snapshot(2, parse_utc("2024-10-29T21:00:00Z")),
    ]
    return Series(
        names={"en": "Kursk offensive", "de": "Kursk-Offensive"},
        sides=[Side("RU", {"en": "Russia", "de": "Russland"}, "#c8102e")],
        epoch=dt.date(2024, 8, 6),
        credits={"en": "Kursk Tracker", "de": "Kursk Tracker"},
        snapshots=snapshots,
    )


def test_the_lagebild_text_in_both_languages():
    series = _series()
    german = lagebild_text(series, parse_utc("2024-10-22T20:00:00Z"), "de")
    assert german.title == "Lagebild der Kursk-Offensive am 22. Oktober 22:00 MESZ"
    assert german.caption == "Lagebild am 22. Oktober 22:00 MESZ: Vorstoß (Kursk Tracker)"
    assert german.week == "11. Woche"
    english = lagebild_text(series, parse_utc("2024-10-25T10:00:00Z"), "en_GB")
    assert english.caption_text == (
        "Situation on 25 October 12:00 CEST, interpolated between 22 October and 29 October"
    )
    assert english.week == "week 11"
