"""A local stand-in for DeepStateMap's history API, on 127.0.0.1, for the online tests.

Serves `GET /api/history/public` (a JSON array of records) and
`GET /api/history/{id}/geojson` (a FeatureCollection written by
deepstate_fixtures from the format facts), counts and keeps every request,
and can misbehave per path as public services do: a captcha page, a body
cut off, 404, 429 (with Retry-After), a stall mid-body, a huge body.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from shapely.geometry import Polygon

from .deepstate_fixtures import kursk_salient, write_deepstate_file

HISTORY = "/api/history/public"
CAPTCHA = (
    b"<!DOCTYPE html><html><head><title>Just a moment...</title></head>"
    b"<body>Checking your browser</body></html>"
)


def record(instant: dt.datetime) -> dict[str, object]:
    """A history record as the service lists it (createdAt some minutes before the id's instant)."""
    created = instant - dt.timedelta(minutes=20)
    return {
        "id": int(instant.timestamp()),
        "createdAt": created.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "updatedAt": created.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "datetime": created.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "status": True,
        "description": "Оновлення карти",
        "descriptionEn": "Map update",
    }


def snapshot_body(folder: Path, instant: dt.datetime, day: int, size_kb: float = 24) -> bytes:
    """A whole-front FeatureCollection whose Kursk salient has the size of `day` (days since 6 August)."""
    path = folder / f"{int(instant.timestamp())}.json"
    salient: Polygon = kursk_salient(day=day, vertices=90)
    write_deepstate_file(path, salient=salient, size_kb=size_kb, seed=day)
    return path.read_bytes()


@dataclass
class DeepStateServer:
    """The server's content and behaviour; change them between requests as a test needs."""

    records: list[dict[str, object]] = field(default_factory=list)
    bodies: dict[int, bytes] = field(default_factory=dict)
    misbehave: dict[str, str] = field(default_factory=dict)
    """Path → "html", "truncated", "missing" (404), "busy" (429), "down" (503), "stall", "huge", "close"."""
    retry_after: str = "0"
    requests: list[str] = field(default_factory=list)
    user_agents: list[str] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    httpd: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        assert self.httpd is not None
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def add(self, instant: dt.datetime, body: bytes) -> int:
        self.records.append(record(instant))
        self.bodies[int(instant.timestamp())] = body
        return int(instant.timestamp())

    def geojson_path(self, record_id: int) -> str:
        return f"/api/history/{record_id}/geojson"

    def fetched_ids(self) -> Counter[int]:
        return Counter(int(p.split("/")[3]) for p in self.requests if p.endswith("/geojson"))

    def start(self) -> DeepStateServer:
        handler = type("Handler", (_Handler,), {"state": self})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def shutdown(self) -> None:
        self.stop.set()
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()


class _Handler(BaseHTTPRequestHandler):
    state: DeepStateServer

    def log_message(self, format, *args):  # quiet
        pass

    def _body(self) -> bytes | None:
        if self.path == HISTORY:
            return json.dumps(self.state.records).encode()
        parts = self.path.split("/")
        if len(parts) != 5 or parts[4] != "geojson" or not parts[3].isdigit():
            return None
        return self.state.bodies.get(int(parts[3]))

    def do_GET(self):
        state = self.state
        state.requests.append(self.path)
        state.user_agents.append(self.headers.get("User-Agent", ""))
        state.times.append(time.monotonic())
        body = self._body()
        if body is None:
            return self._send(404, b'{"error":"not found"}')
        behaviour = state.misbehave.get(self.path)
        if behaviour is None:
            return self._send(200, body)
        return getattr(self, "_" + behaviour)(body)

    def _send(self, status, body, content_type="application/json", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _html(self, _body):
        self._send(200, CAPTCHA, "text/html; charset=utf-8")

    def _truncated(self, body):
        # A proxy that cut the body and said so in its length: the JSON stops mid-way.
        self._send(200, body[: len(body) // 2])

    def _missing(self, _body):
        self._send(404, b"<html><body>Not Found</body></html>", "text/html")

    def _busy(self, _body):
        self._send(429, b"Too Many Requests", "text/plain", [("Retry-After", self.state.retry_after)])

    def _down(self, _body):
        self._send(503, b"Service Unavailable", "text/plain", [("Retry-After", self.state.retry_after)])

    def _head(self, length: int | None):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.end_headers()

    def _stall(self, body):
        self._head(len(body))
        self.wfile.write(body[:1000])
        self.wfile.flush()
        self.state.stop.wait(30)

    def _close(self, body):
        self._head(len(body))
        self.wfile.write(body[: len(body) // 3])
        self.wfile.flush()
        self.close_connection = True

    def _huge(self, _body):
        # Far larger than any snapshot, streamed without a length (~100 MB unless the client stops reading).
        self._head(None)
        chunk = b'{"type": "Feature", "geometry": null, "properties": {}},' * 2000
        try:
            self.wfile.write(b'{"type": "FeatureCollection", "features": [')
            for _ in range(400):
                self.wfile.write(chunk)
        except OSError:
            pass
        self.close_connection = True
