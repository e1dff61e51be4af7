"""The Lagebild's own words in English and German: title, week, caption, legend entries.

The figure speaks the language asked for, not QGIS's interface language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.series import Series, Snapshot
from ..core.timefmt import format_day, format_instant, language_of, week_label

if TYPE_CHECKING:
    pass


LEGEND_WORDS: dict[str, dict[str, str]] = {
    "en": {"Controlled": "controlled", "Contested": "contested", "Claimed": "claimed", "Pocket": "pocket",
           "Unknown": "unknown", "Attack": "attack", "Counterattack": "counterattack",
           "Relief attack": "relief attack", "Withdrawal": "withdrawal", "gained": "gained", "lost": "lost"},
    "de": {"Controlled": "kontrolliert", "Contested": "umkämpft", "Claimed": "beansprucht",
           "Pocket": "Kessel", "Unknown": "unklar", "Attack": "Angriff", "Counterattack": "Gegenangriff",
           "Relief attack": "Entlastungsangriff", "Withdrawal": "Rückzug", "gained": "gewonnen",
           "lost": "verloren"},
}
"""The words of the house styles' legend entries ("Russia: Controlled") in the export language."""


WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Situation map of the {name}, {when}",
        "caption": "Situation on {when}: {text}",
        "caption_bare": "Situation on {when}",
        "between": "Situation on {when}, interpolated between {before} and {after}",
        "change_title": "Change since {day}",
        "areas": "Areas held",
        "front_lines": "Front line",
        "movements": "Movements",
        "places": "Places",
    },
    "de": {
        "title": "Lagebild der {name} am {when}",
        "caption": "Lagebild am {when}: {text}",
        "caption_bare": "Lagebild am {when}",
        "between": "Lagebild am {when}, interpoliert zwischen {before} und {after}",
        "change_title": "Veränderung seit {day}",
        "areas": "Gehaltene Gebiete",
        "front_lines": "Frontlinie",
        "movements": "Bewegungen",
        "places": "Orte",
    },
}
"""The figure's own words per language (the export language, not the interface's)."""


@dataclass(frozen=True)
class LagebildText:
    """The words of one Lagebild; also its layout variables (`@kt_<field>`)."""

    title: str
    date: str
    week: str
    caption: str
    """As the column writes it, ending with the credit in parentheses."""
    caption_text: str
    """The same without the credit, for templates that set the credit apart."""
    credit: str
    series: str
    change: str = ""
    snapshot_title: str = ""
    """The title of the snapshot at the instant (empty between snapshots), in the figure's language."""

    def variables(self) -> dict[str, str]:
        return {"kt_title": self.title, "kt_date": self.date, "kt_week": self.week,
                "kt_caption": self.caption, "kt_credit": self.credit, "kt_series": self.series,
                "kt_change": self.change, "kt_snapshot_title": self.snapshot_title}


def lagebild_text(series: Series, instant: dt.datetime, language: str, change: str = "") -> LagebildText:
    """Title, date, week and caption of the Lagebild at `instant`, in `language` ("de"/"en")."""
    lang = language_of(language)
    words = WORDS[lang]
    when = format_instant(instant, series.timezone, lang, with_year=False)
    name = series.name(lang)
    snapshots = series.sorted_snapshots()
    at = next((s for s in snapshots if s.valid_at == instant), None)
    if at is not None:
        text = at.caption_in(lang).strip()
        caption = (words["caption"].format(when=when, text=text) if text
                   else words["caption_bare"].format(when=when))
    else:
        caption = between_caption(snapshots, instant, series.timezone, lang, when)
    credit = series.credit_in(lang).strip()
    full = caption
    if credit:
        if credit.startswith("("):
            full = f"{caption} {credit}"
        elif "(" in credit:  # no brackets in brackets: "… (Kursk Tracker, Beispieldaten (illustrativ))"
            full = f"{caption} – {credit}"
        else:
            full = f"{caption} ({credit})"
    return LagebildText(
        title=words["title"].format(name=name, when=when), date=when,
        week=week_label(series.week_of(instant), lang),
        caption=full, caption_text=caption, credit=credit, series=name, change=change,
        snapshot_title=at.title_in(lang).strip() if at is not None else "",
    )


def between_caption(snapshots: list[Snapshot], instant: dt.datetime, timezone: str, lang: str,
                    when: str) -> str:
    """Between snapshots the map is interpolated: the caption says so, not borrowing a snapshot's words."""
    before = [s for s in snapshots if s.valid_at < instant]
    after = [s for s in snapshots if s.valid_at > instant]
    if not before or not after:
        return WORDS[lang]["caption_bare"].format(when=when)
    return WORDS[lang]["between"].format(
        when=when,
        before=format_day(before[-1].valid_at, timezone, lang, with_year=False),
        after=format_day(after[0].valid_at, timezone, lang, with_year=False))
