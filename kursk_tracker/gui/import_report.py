"""What an import did, in words for the user: the files with problems, the repairs, where it went."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path

from ..core.import_result import Level
from ..toolbelt.i18n import tr

LISTED = 15
"""Problems and repairs named in the import summary's text; the rest under Show Details."""


@dataclass
class ImportReport:
    """What an import did, for the user: `text` names each problem file with its reason and each
    repair; `details` has every message with full paths, notes included."""

    text: str
    details: str
    problems: list[str] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)


def _short(line: str) -> str:
    """ "/long/path/file.geojson: reason" -> "file.geojson: reason"."""
    where, sep, what = line.partition(": ")
    return f"{Path(where).name or where}{sep}{what}" if sep else line


def _listed(lines: list[str]) -> list[str]:
    shown = ["• " + _short(line) for line in lines[:LISTED]]
    more = len(lines) - LISTED
    if more == 1:
        shown.append(tr("… and 1 more, listed in the details"))
    elif more > 1:
        shown.append(tr("… and {n} more, listed in the details").format(n=more))
    return shown


def import_report(
    result, summary, target, asked: AbstractSet[str] = frozenset(), previous: str | None = None
) -> ImportReport:
    """The summary of an import into the series at `target` (a store).

    `asked`: files the user was asked a date for and dated (their "no date" is
    no problem); `previous`: the name of the series that was open and is now
    closed, where the import went into another one.
    """
    problems = [str(issue) for issue in result.problems if issue.path not in asked] + list(summary.skipped)
    repairs = [str(issue) for issue in result.repairs if issue.path not in asked]
    count = len(summary.added)
    name = target.label()
    lines = [
        (
            tr("1 snapshot imported into {name}.")
            if count == 1
            else tr("{n} snapshots imported into {name}.")
        ).format(n=count, name=name)
    ]
    if count and previous is not None:
        lines.append(
            tr("{name} is open now; {previous} was closed, unchanged.").format(name=name, previous=previous)
        )
    elif not count and previous is not None and not target.exists():
        lines.append(
            tr("Nothing was imported, so no series was made at {where}; {previous} stays open.").format(
                where=target.describe(), previous=previous
            )
        )
    if problems:
        lines += [
            "",
            (tr("1 problem") if len(problems) == 1 else tr("{n} problems")).format(n=len(problems)) + ":",
        ]
        lines += _listed(problems)
    if repairs:
        lines += [
            "",
            (tr("1 repair") if len(repairs) == 1 else tr("{n} repairs")).format(n=len(repairs)) + ":",
        ]
        lines += _listed(repairs)
    notes = [
        str(issue)
        for issue in result.issues
        if issue.level == Level.INFO and not issue.repair and issue.path not in asked
    ]
    details = problems + repairs + notes
    return ImportReport("\n".join(lines), "\n".join(details), problems, repairs)
