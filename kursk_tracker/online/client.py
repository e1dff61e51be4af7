"""DeepStateMap's history API through QGIS's network stack: polite, bounded, cancellable.

Every request goes through `QgsNetworkAccessManager`, so the user's proxy,
SSL and authentication settings apply, and is waited for in an event loop of
the calling thread: a worker thread (a BackgroundTask) or a Processing
algorithm. What the client promises:

- a User-Agent naming the plugin and its version;
- at most `requests_per_second` requests to the service, across threads;
- on 429, 502, 503 and 504 a pause and another try, honouring Retry-After
  (a pause longer than `max_retry_after_s` is not waited for), at most
  `retries` times, else backing off 2, 4, 8 … seconds;
- no answer or no byte for `timeout_s`: given up;
- a body larger than `max_bytes`: given up as soon as that is known;
- the feedback's cancel stops the request and any pause at once;
- every failure a FetchError naming the URL and what went wrong.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from qgis.core import QgsApplication, QgsFeedback, QgsNetworkAccessManager
from qgis.PyQt.QtCore import QEventLoop, QTimer, QUrl
from qgis.PyQt.QtNetwork import QNetworkReply, QNetworkRequest

from ..__about__ import __version__
from ..core.errors import KurskTrackerError
from ..core.text import tr
from ..toolbelt.compat import required
from .answers import (
    RETRY_STATUSES,
    AnswerError,
    backoff_seconds,
    check_snapshot,
    parse_json,
    retry_after_seconds,
)
from .history import HistoryRecord, parse_history

USER_AGENT = f"KurskTracker/{__version__} (+QGIS plugin)"
DEFAULT_BASE_URL = "https://deepstatemap.live"
HISTORY_PATH = "/api/history/public"
AGENT_HEADER = b"X-Kursk-Tracker-Agent"
"""Carries our User-Agent past QgsNetworkAccessManager, which writes its own over the request's."""
_PREPROCESSOR_PROPERTY = "kursk_tracker_agent_preprocessor"
MIB = 1024 * 1024


@dataclass
class Limits:
    """How patient and how polite the client is."""

    timeout_s: float = 30.0
    """No byte arriving for this long ends the request."""
    max_bytes: int = 64 * MIB
    """A whole-front snapshot is about 1 MB; far more is something else."""
    requests_per_second: float = 2.0
    retries: int = 4
    backoff_base_s: float = 2.0
    backoff_cap_s: float = 60.0
    max_retry_after_s: float = 120.0


class FetchError(KurskTrackerError):
    """A request that gave no usable answer; `url` and `problem` for the report."""

    def __init__(self, url: str, problem: str, unreachable: bool = False) -> None:
        super().__init__(f"{problem} ({url})")
        self.url = url
        self.problem = problem
        self.unreachable = unreachable
        """The service could not be reached or kept refusing (not: this one answer was bad)."""


class FetchCancelledError(KurskTrackerError):
    """The user cancelled while a request or a pause was under way."""


_PACE_LOCK = threading.Lock()
_LAST_REQUEST: dict[str, float] = {}
"""Host → monotonic time of the last request to it, shared by every client in this QGIS."""


def _pace(host: str, per_second: float, feedback: QgsFeedback) -> None:
    """Wait until a request to `host` keeps within `per_second`."""
    interval = 1.0 / per_second if per_second > 0 else 0.0
    with _PACE_LOCK:
        now = time.monotonic()
        start = max(now, _LAST_REQUEST.get(host, 0.0) + interval)
        _LAST_REQUEST[host] = start
    _sleep(start - now, feedback)


def _sleep(seconds: float, feedback: QgsFeedback) -> None:
    end = time.monotonic() + max(0.0, seconds)
    while True:
        if feedback.isCanceled():
            raise FetchCancelledError(tr("Cancelled."))
        left = end - time.monotonic()
        if left <= 0:
            return
        time.sleep(min(0.05, left))


def _own_agent(request: QNetworkRequest) -> None:
    """QGIS's request preprocessor: our requests get their User-Agent back; others are left alone."""
    agent = request.rawHeader(AGENT_HEADER)
    if agent:
        request.setRawHeader(b"User-Agent", agent)
        request.setRawHeader(AGENT_HEADER, b"")


def use_own_agent() -> None:
    """Install the preprocessor once per QGIS session (again after a plugin reload, the old one removed)."""
    app = QgsApplication.instance()
    if app is None:
        return
    with _PACE_LOCK:
        previous = app.property(_PREPROCESSOR_PROPERTY)
        if previous and previous == getattr(use_own_agent, "installed", None):
            return
        if previous:
            QgsNetworkAccessManager.removeRequestPreprocessor(str(previous))
        installed = QgsNetworkAccessManager.setRequestPreprocessor(_own_agent)
        app.setProperty(_PREPROCESSOR_PROPERTY, installed)
        use_own_agent.installed = installed  # type: ignore[attr-defined]  # remembered on the function


@dataclass
class Answer:
    status: int
    body: bytes
    content_type: str
    retry_after: str


_UNREACHABLE = {
    QNetworkReply.NetworkError.ConnectionRefusedError: "refused",
    QNetworkReply.NetworkError.HostNotFoundError: "host",
    QNetworkReply.NetworkError.TimeoutError: "timeout",
    QNetworkReply.NetworkError.OperationCanceledError: "timeout",
    QNetworkReply.NetworkError.RemoteHostClosedError: "closed",
    QNetworkReply.NetworkError.ProxyConnectionRefusedError: "proxy",
    QNetworkReply.NetworkError.ProxyNotFoundError: "proxy",
    QNetworkReply.NetworkError.ProxyTimeoutError: "proxy",
    QNetworkReply.NetworkError.TemporaryNetworkFailureError: "network",
    QNetworkReply.NetworkError.NetworkSessionFailedError: "network",
}


class DeepStateClient:
    """Asks one DeepStateMap service (`base_url`) for its history list and snapshots."""

    def __init__(
        self, base_url: str, limits: Limits | None = None, feedback: QgsFeedback | None = None
    ) -> None:
        self.base_url = (base_url or DEFAULT_BASE_URL).strip().rstrip("/")
        self.limits = limits or Limits()
        self.feedback = feedback or QgsFeedback()
        self.requests = 0
        """Requests sent (retries included)."""
        use_own_agent()

    def history_url(self) -> str:
        return self.base_url + HISTORY_PATH

    def snapshot_url(self, record_id: int) -> str:
        return f"{self.base_url}/api/history/{int(record_id)}/geojson"

    def history(self) -> tuple[list[HistoryRecord], bytes]:
        """The history list's records and the raw answer (to keep)."""
        url = self.history_url()
        answer = self.get(url)
        try:
            return parse_history(parse_json(answer.body, answer.content_type)), answer.body
        except KurskTrackerError as error:
            raise FetchError(url, str(error)) from None

    def snapshot(self, record_id: int) -> bytes:
        """The checked GeoJSON of one snapshot, raw."""
        url = self.snapshot_url(record_id)
        answer = self.get(url)
        try:
            check_snapshot(answer.body, answer.content_type)
        except AnswerError as error:
            raise FetchError(url, str(error)) from None
        return answer.body

    def get(self, url: str) -> Answer:
        """A 200 answer to GET `url`, after the retries the service asks for; FetchError otherwise."""
        limits = self.limits
        host = urlsplit(url).netloc
        attempt = 0
        while True:
            _pace(host, limits.requests_per_second, self.feedback)
            answer = self._once(url)
            if answer.status == 200:
                return answer
            if answer.status not in RETRY_STATUSES:
                raise FetchError(url, self._status_problem(answer.status))
            attempt += 1
            if attempt > limits.retries:
                raise FetchError(
                    url,
                    tr("the service answered {status} {times} times in a row; try again later").format(
                        status=answer.status, times=attempt
                    ),
                    unreachable=True,
                )
            wait = retry_after_seconds(answer.retry_after)
            if wait is not None and wait > limits.max_retry_after_s:
                raise FetchError(
                    url,
                    tr("the service answered {status} and asks to wait {seconds} s; try again later").format(
                        status=answer.status, seconds=int(wait)
                    ),
                    unreachable=True,
                )
            if wait is None:
                wait = backoff_seconds(attempt, limits.backoff_base_s, limits.backoff_cap_s)
            _sleep(wait, self.feedback)

    @staticmethod
    def _status_problem(status: int) -> str:
        if status == 404:
            return tr("the service has no such snapshot (404 Not Found)")
        return tr("the service answered HTTP {status}").format(status=status)

    def _once(self, url: str) -> Answer:
        """One GET through QgsNetworkAccessManager, waited for in an event loop of this thread.

        Not QgsBlockingNetworkRequest: its abort() (QGIS 3.22) deletes the reply without finishing it,
        and the request then waits forever (seen in the tests, a cancel or a too-large body). A
        QNetworkReply.abort() always finishes the reply.
        """
        limits = self.limits
        request = QNetworkRequest(QUrl(url))
        request.setRawHeader(b"User-Agent", USER_AGENT.encode())
        request.setRawHeader(AGENT_HEADER, USER_AGENT.encode())
        request.setRawHeader(b"Accept", b"application/json")
        request.setAttribute(
            QNetworkRequest.Attribute.CacheLoadControlAttribute,
            QNetworkRequest.CacheLoadControl.AlwaysNetwork,
        )
        request.setTransferTimeout(max(1, int(limits.timeout_s * 1000)))
        self.requests += 1
        manager = required(QgsNetworkAccessManager.instance(), "network access manager")
        reply = required(manager.get(request), "network reply")
        too_large: list[int] = []

        def progress(received: int, total: int) -> None:
            if not too_large and max(received, total) > limits.max_bytes:
                too_large.append(max(received, total))
                reply.abort()

        def look_at_cancel() -> None:
            if self.feedback.isCanceled() and reply.isRunning():
                reply.abort()

        loop = QEventLoop()
        watch = QTimer()
        watch.setInterval(50)
        watch.timeout.connect(look_at_cancel)
        reply.downloadProgress.connect(progress)
        reply.finished.connect(loop.quit)
        try:
            if not reply.isFinished():
                watch.start()
                loop.exec()
            watch.stop()
            return self._answer(url, reply, bool(too_large))
        finally:
            reply.deleteLater()

    def _answer(self, url: str, reply: QNetworkReply, too_large: bool) -> Answer:
        if self.feedback.isCanceled():
            raise FetchCancelledError(tr("Cancelled."))
        if too_large:
            raise self._too_large(url)
        body = bytes(reply.readAll())
        if len(body) > self.limits.max_bytes:
            raise self._too_large(url)
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        # PyQt5-stubs know only the deprecated signal of this name; PyQt5 calls the method.
        error = reply.error()  # type: ignore[operator]
        if error != QNetworkReply.NetworkError.NoError and (not status or error in _UNREACHABLE):
            # Cut off mid-body (a stall, a dropped connection) reads as the network error, not the status.
            raise self._network_problem(url, error, reply.errorString())
        return Answer(
            int(status or 0),
            body,
            bytes(reply.rawHeader(b"Content-Type")).decode("latin-1"),
            bytes(reply.rawHeader(b"Retry-After")).decode("latin-1"),
        )

    def _too_large(self, url: str) -> FetchError:
        return FetchError(
            url,
            tr("the answer is larger than {mb} MB, far larger than any snapshot; not read").format(
                mb=self.limits.max_bytes // MIB or 1
            ),
        )

    def _network_problem(self, url: str, error: QNetworkReply.NetworkError, message: str) -> FetchError:
        kind = _UNREACHABLE.get(error)
        host = urlsplit(url).hostname or url
        if kind == "refused":
            problem = tr("the server {host} refused the connection").format(host=host)
        elif kind == "host":
            problem = tr("the server name {host} cannot be found (no network, or a wrong address?)").format(
                host=host
            )
        elif kind == "timeout":
            problem = tr("no answer for {seconds} s; the server stalled").format(
                seconds=f"{self.limits.timeout_s:g}"
            )
        elif kind == "closed":
            problem = tr("the server closed the connection before the answer was complete")
        else:
            problem = tr("the request failed: {message}").format(message=message or str(error))
        return FetchError(url, problem, unreachable=kind is not None)
