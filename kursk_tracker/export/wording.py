"""The Lagebild's text: title, week, caption and credit, put together in the export language.

The figure speaks the language asked for, not QGIS's interface language. Its
words are in core/wording.py with every other word printed on a map;
`WORDS` and `LEGEND_WORDS` here are views of that table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..core.series import Series, Snapshot
from ..core.timefmt import format_day, format_instant, language_of, week_label
from ..core.wording import LANGUAGES, LEGEND_KEYS, section, word

LEGEND_WORDS: dict[str, dict[str, str]] = {
    language: {key: word(f"legend.{key}", language) for key in LEGEND_KEYS} for language in LANGUAGES
}
"""The words of the house styles' legend entries ("Russia: Controlled") in the export language."""

WORDS: dict[str, dict[str, str]] = {language: section("lagebild.", language) for language in LANGUAGES}
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
        return {
            "kt_title": self.title,
            "kt_date": self.date,
            "kt_week": self.week,
            "kt_caption": self.caption,
            "kt_credit": self.credit,
            "kt_series": self.series,
            "kt_change": self.change,
            "kt_snapshot_title": self.snapshot_title,
        }


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
        caption = (
            words["caption"].format(when=when, text=text) if text else words["caption_bare"].format(when=when)
        )
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
        title=words["title"].format(name=name, when=when),
        date=when,
        week=week_label(series.week_of(instant), lang),
        caption=full,
        caption_text=caption,
        credit=credit,
        series=name,
        change=change,
        snapshot_title=at.title_in(lang).strip() if at is not None else "",
    )


def between_caption(
    snapshots: list[Snapshot], instant: dt.datetime, timezone: str, lang: str, when: str
) -> str:
    """Between snapshots the map is interpolated: the caption says so, not borrowing a snapshot's words."""
    before = [s for s in snapshots if s.valid_at < instant]
    after = [s for s in snapshots if s.valid_at > instant]
    if not before or not after:
        return WORDS[lang]["caption_bare"].format(when=when)
    return WORDS[lang]["between"].format(
        when=when,
        before=format_day(before[-1].valid_at, timezone, lang, with_year=False),
        after=format_day(after[0].valid_at, timezone, lang, with_year=False),
    )
