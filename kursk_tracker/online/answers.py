"""What the service answered, judged before anything is kept (pure Python, no QGIS).

A public service answers more than data: a captcha or maintenance page, a
body cut off by a dropped connection, "wait a minute" (429 with
Retry-After). These functions tell a usable answer from the rest, in words
the user can act on, and say how long to wait before asking again.
"""

from __future__ import annotations

import datetime as dt
import json
from email.utils import parsedate_to_datetime

from ..core.errors import KurskTrackerError
from ..core.text import tr

RETRY_STATUSES = frozenset({429, 502, 503, 504})
"""Answers that mean "not now": asked again after a pause."""


class AnswerError(KurskTrackerError):
    """An answer that is not the data asked for; never kept."""


def _looks_like_html(data: bytes, content_type: str) -> bool:
    head = data[:512].lstrip().lower()
    return "html" in content_type.lower() or head.startswith((b"<!doctype", b"<html", b"<?xml", b"<"))


def parse_json(data: bytes, content_type: str = "") -> object:
    """The parsed JSON of an answer, or an AnswerError saying why it is not usable."""
    if not data.strip():
        raise AnswerError(tr("the service sent an empty answer"))
    if _looks_like_html(data, content_type):
        raise AnswerError(tr("the service sent a web page instead of data (a captcha or maintenance page?)"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise AnswerError(
            tr("the answer is not UTF-8 text (byte {offset})").format(offset=error.start)
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        end = text.rstrip()
        if (
            error.pos >= len(end)
            or error.msg.startswith("Unterminated string")
            or not end.endswith(("}", "]"))
        ):
            # A document that stops where no JSON value can end was cut off on the way.
            raise AnswerError(
                tr("the answer is cut off (truncated JSON after {n} bytes)").format(n=len(data))
            ) from None
        raise AnswerError(
            tr("the answer is not valid JSON (line {line}, column {column})").format(
                line=error.lineno, column=error.colno
            )
        ) from None
    except RecursionError:
        raise AnswerError(tr("the answer's JSON is nested too deeply")) from None


def check_snapshot(data: bytes, content_type: str = "") -> None:
    """Raise AnswerError unless `data` is a GeoJSON FeatureCollection (or the API's wrapper of one)."""
    document = parse_json(data, content_type)
    if isinstance(document, dict) and isinstance(document.get("map"), dict):
        document = document["map"]
    if not (isinstance(document, dict) and isinstance(document.get("features"), list)):
        raise AnswerError(tr("the answer is JSON but not a GeoJSON FeatureCollection"))


def retry_after_seconds(value: str, now: dt.datetime | None = None) -> float | None:
    """The pause a Retry-After header asks for, in seconds (a number or an HTTP date); None if unreadable."""
    text = (value or "").strip()
    if not text:
        return None
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    now = now or dt.datetime.now(dt.timezone.utc)
    return max(0.0, (when - now).total_seconds())


def backoff_seconds(attempt: int, base: float, cap: float) -> float:
    """The pause before retry `attempt` (1, 2, …) without Retry-After: base, 2·base, 4·base …, at most cap."""
    return float(min(cap, base * 2 ** max(0, attempt - 1)))
