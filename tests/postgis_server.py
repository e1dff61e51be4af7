"""A private PostgreSQL/PostGIS server for the tests, and its pytest fixture.

`PostgisServer` runs `initdb` into a fresh folder under build/pg (or a given
folder; where the `postgres` user cannot reach build/pg, as in a checkout
under /root, under the system's temporary folder instead), starts the server
with `pg_ctl start -w` on a free TCP port on 127.0.0.1 only (plus a unix
socket in the data folder), creates the database `kursk` with PostGIS, and
stops it with `pg_ctl stop -m fast`. PostgreSQL refuses to run as root: as
root, the server binaries run as the `postgres` system user
(`runuser -u postgres --`), which then owns the data folder.

Register the session fixture `postgis_server` with one line in
tests/conftest.py:  pytest_plugins = ["tests.postgis_server"]
(or `-p tests.postgis_server` on the pytest command line). Missing server
binaries make the fixture FAIL (the Makefile installs them), not skip.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FOLDER = ROOT / "build" / "pg"
DATABASE = "kursk"
SUPERUSER = "postgres"
SERVICE_USER = "postgres"
INSTALL_HINT = (
    "install the Debian packages printed by tools/postgis_packages.sh "
    "(Debian 12: postgresql postgresql-15-postgis-3), e.g. with `make setup`"
)


class PostgisServerError(RuntimeError):
    """The private test server could not be set up, started or stopped."""


def _major(bindir: Path) -> int:
    match = re.search(r"/postgresql/(\d+)/bin$", str(bindir))
    return int(match.group(1)) if match else 0


def find_bindir() -> Path:
    """The newest PostgreSQL server binaries that have PostGIS beside them.

    KURSK_PG_BINDIR overrides the search (a folder holding initdb and pg_ctl).
    """
    override = os.environ.get("KURSK_PG_BINDIR")
    if override:
        bindir = Path(override)
        if not (bindir / "initdb").is_file():
            raise PostgisServerError(f"KURSK_PG_BINDIR={override} holds no initdb")
        return bindir
    candidates = sorted(
        (Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")), key=_major, reverse=True
    )
    if not candidates:
        raise PostgisServerError(
            f"no PostgreSQL server binaries (/usr/lib/postgresql/<major>/bin/initdb): {INSTALL_HINT}"
        )
    for bindir in candidates:
        if Path(f"/usr/share/postgresql/{_major(bindir)}/extension/postgis.control").is_file():
            return bindir
    found = ", ".join(str(b) for b in candidates)
    raise PostgisServerError(f"PostgreSQL found ({found}) but no PostGIS extension for it: {INSTALL_HINT}")


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


class PostgisServer:
    """A throw-away PostgreSQL server with a PostGIS database, for one test session."""

    def __init__(
        self,
        folder: str | os.PathLike[str] | None = None,
        bindir: str | os.PathLike[str] | None = None,
        database: str = DATABASE,
        keep: bool = False,
    ) -> None:
        self.folder = Path(folder) if folder is not None else DEFAULT_FOLDER
        self._default_folder = folder is None
        self.bindir = Path(bindir) if bindir is not None else None
        self.database = database
        self.keep = keep
        """Keep the data folder after stop (for a look at the log)."""
        self.host = "127.0.0.1"
        self.port = 0
        self.datadir: Path | None = None
        self.logfile: Path | None = None
        self.running = False
        self.start_seconds = 0.0
        """Wall time of start(): initdb, server start and database creation."""
        self._as_service_user = os.geteuid() == 0

    # -- connection details -------------------------------------------------

    @property
    def params(self) -> dict[str, object]:
        """libpq keywords for psycopg2.connect(**params)."""
        return {
            "host": self.host,
            "port": self.port,
            "dbname": self.database,
            "user": SUPERUSER,
            "connect_timeout": 10,
        }

    @property
    def conninfo(self) -> str:
        """The libpq connection string of the test database."""
        return " ".join(f"{key}={value}" for key, value in self.params.items())

    def conninfo_for(self, database: str) -> str:
        return " ".join(f"{k}={database if k == 'dbname' else v}" for k, v in self.params.items())

    # -- running the server binaries ---------------------------------------------

    def _command(self, name: str, *args: str) -> list[str]:
        assert self.bindir is not None
        return self._as_service([str(self.bindir / name), *args])

    def _as_service(self, command: list[str]) -> list[str]:
        """`command` as the service user where this runs as root."""
        if self._as_service_user:
            if shutil.which("runuser"):
                return ["runuser", "-u", SERVICE_USER, "--", *command]
            return ["su", SERVICE_USER, "-s", "/bin/sh", "-c", " ".join(_quote(c) for c in command)]
        return command

    def _run(self, name: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        command = self._command(name, *args)
        env = dict(os.environ, LC_ALL="C", LANG="C")
        env.pop("PGDATA", None)
        try:
            done = subprocess.run(
                command,
                cwd=str(self.folder),
                env=env,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise PostgisServerError(f"{name} failed: {error}") from error
        if done.returncode != 0:
            raise PostgisServerError(
                f"{name} failed (exit {done.returncode}): {' '.join(command)}\n"
                f"{done.stdout.strip()}\n{done.stderr.strip()}{self._log_tail()}"
            )
        return done

    def _log_tail(self, lines: int = 20) -> str:
        if self.logfile is None or not self.logfile.exists():
            return ""
        try:
            text = self.logfile.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return ""
        return "\nserver log (last lines):\n" + "\n".join(text[-lines:])

    def _sweep_orphans(self) -> None:
        """Stop and remove servers left by killed test sessions (their owner process is gone)."""
        for owner in self.folder.glob("data-*.owner"):
            try:
                pid = int(owner.read_text(encoding="ascii").strip())
                os.kill(pid, 0)
                continue  # its session is still running
            except ProcessLookupError:
                pass
            except (OSError, ValueError):
                continue
            datadir = owner.with_suffix("")
            if (datadir / "postmaster.pid").exists():
                subprocess.run(
                    self._command("pg_ctl", "stop", "-m", "immediate", "-w", "-D", str(datadir)),
                    cwd=str(self.folder),
                    capture_output=True,
                    check=False,
                    timeout=60,
                )
            shutil.rmtree(datadir, ignore_errors=True)
            for side in (owner, datadir.with_name(datadir.name + ".log")):
                side.unlink(missing_ok=True)

    def _prepare_folder(self) -> None:
        if self._make_datadir() or not self._default_folder:
            return
        # The checkout may sit where the service user cannot go (/root is 0700 on Debian, and in
        # containers): the server's folder moves to the system's temporary folder instead.
        unreachable = self.datadir
        self._remove_datadir()
        self.folder = Path(tempfile.gettempdir()) / "kursk-tracker-pg"
        if not self._make_datadir():
            raise PostgisServerError(
                f"the '{SERVICE_USER}' user can reach neither {unreachable} nor {self.datadir}: every "
                f"parent folder needs o+x (or pass a reachable folder to PostgisServer)"
            )

    def _make_datadir(self) -> bool:
        """A fresh data folder under self.folder; False where the service user cannot reach it."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self._sweep_orphans()
        self.datadir = Path(tempfile.mkdtemp(prefix="data-", dir=self.folder))
        self.logfile = self.datadir.with_name(self.datadir.name + ".log")
        self.logfile.touch()
        self.datadir.with_name(self.datadir.name + ".owner").write_text(f"{os.getpid()}\n", encoding="ascii")
        if self._as_service_user:
            try:
                account = pwd.getpwnam(SERVICE_USER)
            except KeyError as error:
                raise PostgisServerError(
                    f"running as root needs the system user '{SERVICE_USER}' (made by the postgresql "
                    f"package) to run the server: {INSTALL_HINT}"
                ) from error
            for path in (self.datadir, self.logfile):
                os.chown(path, account.pw_uid, account.pw_gid)
            probe = subprocess.run(
                self._as_service(["test", "-w", str(self.datadir)]), capture_output=True, check=False
            )
            if probe.returncode != 0:
                return False
        os.chmod(self.datadir, 0o700)
        return True

    def _remove_datadir(self) -> None:
        if self.datadir is None:
            return
        shutil.rmtree(self.datadir, ignore_errors=True)
        for side in (
            self.datadir.with_name(self.datadir.name + ".log"),
            self.datadir.with_name(self.datadir.name + ".owner"),
        ):
            side.unlink(missing_ok=True)

    # -- life cycle ---------------------------------------------------------------

    def start(self) -> PostgisServer:
        if self.running:
            return self
        began = time.monotonic()
        if self.bindir is None:
            self.bindir = find_bindir()
        self._prepare_folder()
        assert self.datadir is not None and self.logfile is not None
        self._run(
            "initdb",
            "-D",
            str(self.datadir),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        attempts = 3
        for attempt in range(attempts):
            self.port = free_port(self.host)
            self._write_settings()
            try:
                self._run(
                    "pg_ctl", "start", "-w", "-t", "60", "-D", str(self.datadir), "-l", str(self.logfile)
                )
                break
            except PostgisServerError:
                # Another process may have taken the port between probe and start.
                if attempt == attempts - 1:
                    raise
        self.running = True
        atexit.register(self.stop)
        try:
            self._create_database()
        except Exception:
            self.stop()
            raise
        self.start_seconds = time.monotonic() - began
        return self

    def _write_settings(self) -> None:
        assert self.datadir is not None
        settings = {
            "listen_addresses": "'127.0.0.1'",
            "port": str(self.port),
            "unix_socket_directories": "'" + str(self.datadir).replace("'", "''") + "'",
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "max_connections": "30",
            "shared_buffers": "32MB",
            "timezone": "'UTC'",
        }
        text = "".join(f"{key} = {value}\n" for key, value in settings.items())
        # conf.d-like override file included last: rewritten on every (re)try.
        override = self.datadir / "kursk_test.conf"
        _write_as(override, text, self._as_service_user)
        conf = self.datadir / "postgresql.conf"
        if "include = 'kursk_test.conf'" not in conf.read_text(encoding="utf-8"):
            with conf.open("a", encoding="utf-8") as stream:
                stream.write("\ninclude = 'kursk_test.conf'\n")

    def _create_database(self) -> None:
        import psycopg2

        try:
            admin = psycopg2.connect(self.conninfo_for("postgres"))
        except psycopg2.Error as error:
            raise PostgisServerError(
                f"cannot connect to the test server at {self.host}:{self.port}: {error}{self._log_tail()}"
            ) from error
        try:
            admin.autocommit = True
            with admin.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{self.database}"')
        finally:
            admin.close()
        db = psycopg2.connect(self.conninfo)
        try:
            db.autocommit = True
            with db.cursor() as cursor:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        except psycopg2.Error as error:
            raise PostgisServerError(f"CREATE EXTENSION postgis failed: {error} ({INSTALL_HINT})") from error
        finally:
            db.close()

    def stop(self) -> None:
        if self.running and self.datadir is not None:
            try:
                self._run("pg_ctl", "stop", "-m", "fast", "-w", "-t", "60", "-D", str(self.datadir))
            finally:
                self.running = False
                atexit.unregister(self.stop)
        if not self.keep and self.datadir is not None:
            shutil.rmtree(self.datadir, ignore_errors=True)
            if self.logfile is not None:
                self.logfile.unlink(missing_ok=True)
        if self.datadir is not None:
            self.datadir.with_name(self.datadir.name + ".owner").unlink(missing_ok=True)

    def __enter__(self) -> PostgisServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def _quote(word: str) -> str:
    return "'" + word.replace("'", "'\"'\"'") + "'"


def _write_as(path: Path, text: str, as_service_user: bool) -> None:
    path.write_text(text, encoding="utf-8")
    if as_service_user:
        account = pwd.getpwnam(SERVICE_USER)
        os.chown(path, account.pw_uid, account.pw_gid)


@pytest.fixture(scope="session")
def postgis_server():
    """A running private PostGIS server for the session; `.conninfo`, `.params`."""
    server = PostgisServer()
    try:
        server.start()
    except PostgisServerError as error:
        server.stop()
        pytest.fail(f"private PostGIS test server unavailable: {error}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()
