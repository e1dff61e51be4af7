"""The web page's words and the series' time zone as the page needs them, in the export language.

The page writes dates for any instant itself, so it receives the pattern, the
month names and the zone's offsets and names over the span, not a time-zone
database.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from ..core.series import Series
from ..core.timefmt import zone_abbreviation
from ..core.wording import language_of, word, word_list

ARROW_LEGEND = {
    "attack": "Attack",
    "counterattack": "Attack",  # the house style draws and names every other kind as an attack
    "relief_attack": "Relief attack",
    "withdrawal": "Withdrawal",
}
"""Movement kinds and their legend words (core/wording.py), as the Lagebild's legend names them."""


def page_words(language: str) -> dict[str, Any]:
    """Every word the page prints, in `language`."""
    lang = language_of(language)
    names = (
        "play",
        "pause",
        "speed",
        "loop",
        "previous_snapshot",
        "next_snapshot",
        "day_back",
        "day_forward",
        "week_back",
        "week_forward",
        "instant",
        "legend",
        "chart_title",
        "change_title",
        "no_change",
        "source",
        "scale",
        "interpolated",
        "held",
    )
    words: dict[str, Any] = {name: word(f"web.{name}", lang) for name in names}
    day = word("date.day", lang).format(day="{day}", month="{month}")
    day_year = word("date.day_year", lang).format(day=day, year="{year}")
    words["date_pattern"] = word("date.instant_year", lang).format(
        day=day_year, clock="{hour}:{minute} {zone}"
    )
    words["day_pattern"] = day
    words["months"] = list(word_list("date.months", lang))
    words["week"] = word("week.ordinal", lang).replace("{week}", "{n}")
    words["week_zero"] = word("week.plain", lang).replace("{week}", "{n}")
    words["front_line"] = word("lagebild.front_lines", lang)
    words["areas"] = word("lagebild.areas", lang)
    words["movements"] = word("lagebild.movements", lang)
    words["places"] = word("lagebild.places", lang)
    words["km2"] = "km²"
    words["arrows"] = {kind: word(f"legend.{key}", lang) for kind, key in ARROW_LEGEND.items()}
    return words


def zone_changes(series: Series, first: dt.datetime, last: dt.datetime, language: str) -> list[list[Any]]:
    """[[ms since 1970 UTC, offset in minutes, "MEZ"], …]: the series' zone over the span.

    The first entry holds from before `first`; a later one from the minute the
    offset changes. Found hour by hour, then to the minute (zones change on whole minutes).
    """
    zone = ZoneInfo(series.timezone)

    def offset(instant: dt.datetime) -> int:
        delta = instant.astimezone(zone).utcoffset() or dt.timedelta(0)
        return int(delta.total_seconds() // 60)

    def entry(instant: dt.datetime) -> list[Any]:
        return [epoch_ms(instant), offset(instant), zone_abbreviation(instant, series.timezone, language)]

    start = first - dt.timedelta(days=2)
    changes = [entry(start)]
    hour = dt.timedelta(hours=1)
    t = start
    while t < last + dt.timedelta(days=2):
        if offset(t + hour) != offset(t):
            low, high = t, t + hour
            while (high - low) > dt.timedelta(minutes=1):
                middle = low + (high - low) / 2
                middle = middle.replace(second=0, microsecond=0)
                if middle <= low:
                    break
                if offset(middle) == offset(low):
                    low = middle
                else:
                    high = middle
            changes.append(entry(high))
        t += hour
    return changes


def epoch_ms(instant: dt.datetime) -> int:
    return round(instant.timestamp() * 1000)
