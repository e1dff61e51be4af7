"""Every word printed on a map, in every language a map can be exported in.

A Lagebild, an animation frame and the change summary speak the export
language chosen in the panel, not QGIS's interface language, so these words
cannot go through Qt's tr(). They live here, in one table, with the patterns
that differ between languages (dates, week labels, number marks): a new
language is one more column in the table and nothing else.

Plain Python: the same words come out in QGIS, in Processing and in tests.
Month names are kept here rather than taken from the C locale, which is often
not installed.
"""

from __future__ import annotations

from typing import Union

Word = Union[str, tuple[str, ...]]

LANGUAGES: tuple[str, ...] = ("en", "de")
"""The export languages; the first is the fallback for any other."""

FALLBACK = LANGUAGES[0]

LEGEND_KEYS: tuple[str, ...] = (
    "Controlled",
    "Contested",
    "Claimed",
    "Pocket",
    "Unknown",
    "Attack",
    "Counterattack",
    "Relief attack",
    "Withdrawal",
    "gained",
    "lost",
)
"""The house styles' legend words ("Russia: Controlled"), as the styles write them in English."""

WORDS: dict[str, dict[str, Word]] = {
    # Dates. {day} and {month} are numbers and names; {clock} is "22:00 MEZ".
    "date.months": {
        "en": (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
        "de": (
            "Januar",
            "Februar",
            "März",
            "April",
            "Mai",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "Dezember",
        ),
    },
    "date.day": {"en": "{day} {month}", "de": "{day}. {month}"},
    "date.day_year": {"en": "{day} {year}", "de": "{day} {year}"},
    "date.instant": {"en": "{day} {clock}", "de": "{day} {clock}"},
    "date.instant_year": {"en": "{day}, {clock}", "de": "{day}, {clock}"},
    # For tables, where a column is narrow; {local} is the local datetime.
    "date.short": {"en": "{local:%Y-%m-%d %H:%M} {zone}", "de": "{local:%d.%m.%Y %H:%M} {zone}"},
    # German writes the Central, Eastern and Western European zones with its own letters;
    # a zone without an entry keeps the name the time-zone database gives it ("MSK").
    "zone.CET": {"en": "CET", "de": "MEZ"},
    "zone.CEST": {"en": "CEST", "de": "MESZ"},
    "zone.EET": {"en": "EET", "de": "OEZ"},
    "zone.EEST": {"en": "EEST", "de": "OESZ"},
    "zone.WET": {"en": "WET", "de": "WEZ"},
    "zone.WEST": {"en": "WEST", "de": "WESZ"},
    # Weeks since the series' epoch: German writes no ordinal "0." (or a negative one).
    "week.ordinal": {"en": "week {week}", "de": "{week}. Woche"},
    "week.plain": {"en": "week {week}", "de": "Woche {week}"},
    "number.decimal_mark": {"en": ".", "de": ","},
    "number.thousands_mark": {"en": ",", "de": "."},
    # The Lagebild (export/wording.py, export/layout_items.py).
    "lagebild.title": {"en": "Situation map of the {name}, {when}", "de": "Lagebild der {name} am {when}"},
    "lagebild.caption": {"en": "Situation on {when}: {text}", "de": "Lagebild am {when}: {text}"},
    "lagebild.caption_bare": {"en": "Situation on {when}", "de": "Lagebild am {when}"},
    "lagebild.between": {
        "en": "Situation on {when}, interpolated between {before} and {after}",
        "de": "Lagebild am {when}, interpoliert zwischen {before} und {after}",
    },
    "lagebild.change_title": {"en": "Change since {day}", "de": "Veränderung seit {day}"},
    "lagebild.areas": {"en": "Areas held", "de": "Gehaltene Gebiete"},
    "lagebild.front_lines": {"en": "Front line", "de": "Frontlinie"},
    "lagebild.movements": {"en": "Movements", "de": "Bewegungen"},
    "lagebild.places": {"en": "Places", "de": "Orte"},
    # Legend entries after the side's name: "Russland: kontrolliert".
    "legend.Controlled": {"en": "controlled", "de": "kontrolliert"},
    "legend.Contested": {"en": "contested", "de": "umkämpft"},
    "legend.Claimed": {"en": "claimed", "de": "beansprucht"},
    "legend.Pocket": {"en": "pocket", "de": "Kessel"},
    "legend.Unknown": {"en": "unknown", "de": "unklar"},
    "legend.Attack": {"en": "attack", "de": "Angriff"},
    "legend.Counterattack": {"en": "counterattack", "de": "Gegenangriff"},
    "legend.Relief attack": {"en": "relief attack", "de": "Entlastungsangriff"},
    "legend.Withdrawal": {"en": "withdrawal", "de": "Rückzug"},
    "legend.gained": {"en": "gained", "de": "gewonnen"},
    "legend.lost": {"en": "lost", "de": "verloren"},
    # The change since the previous snapshot (layers/scene.py, @kt_change).
    "summary.changed": {"en": "{changes} since {day}", "de": "{changes} seit {day}"},
    "summary.unchanged": {"en": "No change since {day}", "de": "Keine Änderung seit {day}"},
    # The series' name on a film of made-up data (export/frame_renderer.py).
    "film.illustrative": {"en": "{name} (illustrative)", "de": "{name} (illustrativ)"},
    # The credit of a series updated from DeepStateMap (online/update.py).
    "credit.deepstate": {"en": "Data: DeepStateMap.Live", "de": "Daten: DeepStateMap.Live"},
    # The interactive web page (export/web_data.py): its controls speak the export language.
    "web.play": {"en": "Play", "de": "Abspielen"},
    "web.pause": {"en": "Pause", "de": "Anhalten"},
    "web.speed": {"en": "Speed", "de": "Tempo"},
    "web.loop": {"en": "Loop", "de": "Endlos"},
    "web.previous_snapshot": {"en": "Previous situation", "de": "Vorheriger Lagestand"},
    "web.next_snapshot": {"en": "Next situation", "de": "Nächster Lagestand"},
    "web.day_back": {"en": "One day back", "de": "Einen Tag zurück"},
    "web.day_forward": {"en": "One day forward", "de": "Einen Tag vor"},
    "web.week_back": {"en": "One week back", "de": "Eine Woche zurück"},
    "web.week_forward": {"en": "One week forward", "de": "Eine Woche vor"},
    "web.instant": {"en": "Date and time", "de": "Datum und Uhrzeit"},
    "web.legend": {"en": "Legend", "de": "Legende"},
    "web.chart_title": {"en": "Ground held (km²)", "de": "Gehaltene Fläche (km²)"},
    "web.change_title": {
        "en": "Change since the previous situation",
        "de": "Veränderung seit dem vorigen Lagestand",
    },
    "web.no_change": {"en": "no change", "de": "keine Veränderung"},
    "web.source": {"en": "Source", "de": "Quelle"},
    "web.scale": {"en": "Scale", "de": "Maßstab"},
    "web.interpolated": {
        "en": "Between two situations the front is interpolated.",
        "de": "Zwischen zwei Lageständen ist die Front interpoliert.",
    },
    "web.held": {"en": "held", "de": "gehalten"},
}
"""Key -> language -> the word, a pattern for str.format, or a tuple of words."""


class MissingWordError(KeyError):
    """A printed word asked for that the table does not have: a mistake in the code, not the user's."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key

    def __str__(self) -> str:
        return f"no printed word {self.key!r} in kursk_tracker/core/wording.py"


def language_of(locale_name: str) -> str:
    """ "de_DE" -> "de"; anything we have no words for -> "en"."""
    code = (locale_name or FALLBACK).replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else FALLBACK


def _entry(key: str, language: str) -> Word:
    try:
        entry = WORDS[key]
    except KeyError:
        raise MissingWordError(key) from None
    return entry.get(language_of(language), entry[FALLBACK])


def word(key: str, language: str) -> str:
    """The word (or str.format pattern) `key` in `language` ("de", "de_DE"; English for any other)."""
    value = _entry(key, language)
    if not isinstance(value, str):
        raise TypeError(f"printed word {key!r} is a list of words: use word_list()")
    return value


def word_list(key: str, language: str) -> tuple[str, ...]:
    """A list of words, such as the month names, in `language`."""
    value = _entry(key, language)
    if isinstance(value, str):
        raise TypeError(f"printed word {key!r} is one word: use word()")
    return value


def has_word(key: str) -> bool:
    return key in WORDS


def section(prefix: str, language: str) -> dict[str, str]:
    """The words whose keys start with `prefix`, keyed without it: section("lagebild.", "de")["title"]."""
    return {key.removeprefix(prefix): word(key, language) for key in WORDS if key.startswith(prefix)}


def format_number(value: float, language: str, decimals: int = 1) -> str:
    """ "1,144.5" in English, "1.144,5" in German: the export's language, not the system's locale."""
    thousands, decimal = word("number.thousands_mark", language), word("number.decimal_mark", language)
    marks = str.maketrans(",.", thousands + decimal)
    return f"{value:,.{decimals}f}".translate(marks).replace("-", "−")


def format_km2(value: float, language: str, decimals: int = 1) -> str:
    """ "103.5 km²" / "103,5 km²"."""
    return f"{format_number(value, language, decimals)} km²"


def format_seconds(value: float, language: str, decimals: int = 2) -> str:
    """ "1.00 s" / "1,00 s"."""
    return f"{format_number(value, language, decimals)} s"
