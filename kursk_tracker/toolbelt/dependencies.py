"""shapely 2 for QGIS's own Python: is it there, which one fits, which Python runs pip, what to tell the user.

QGIS runs the plugin in its own Python, which may lack shapely (Debian 12's
QGIS) or carry shapely 1.8. Debian refuses `pip install --user` there (PEP
668); `pip install --target` into the plugin's folder in the QGIS profile
works, with the interpreter QGIS runs on. The folder goes first on sys.path,
at every start, before anything imports shapely.

No `subprocess` (the plugin repository's Bandit scan blocks it): pip runs in
a QProcess. pip's own configuration and environment (PIP_INDEX_URL,
PIP_FIND_LINKS, PIP_NO_INDEX, pip.conf) apply as they are. Running pip and
loading what it installed: `shapely_install`.
"""

from __future__ import annotations

import importlib
import shutil
import sys
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path, PurePosixPath, PureWindowsPath

from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtCore import QProcess

from .i18n import tr

SHAPELY_MINIMUM = (2, 0)
# 2.0.x bundles GEOS 3.11. Inside the QGIS binaries QGIS's GEOS answers
# shapely's calls: 2.0.7 works with GEOS 3.11 (Debian 12) and 3.13 (Debian
# 13); 2.1 needs GEOS >= 3.12 there ("WKT output dimension must be 2 or 3").
SHAPELY_FOR_OLDER_GEOS = "2.0.7"
SHAPELY_FOR_NEWER_PYTHON = "2.1.2"
"""The first shapely with wheels for Python 3.14, where 2.0.7 has none."""
NEWEST_PYTHON_OF_2_0 = (3, 13)
VERSION_QUERY = "import sys; print('%d.%d' % sys.version_info[:2])"

Version = tuple[int, int]


# The plugin's packages folder --------------------------------------------------


def packages_dir(settings_dir: str | Path | None = None, python: Version | None = None) -> Path:
    """`<profile>/kursk_tracker/python-packages/py3.11`: one folder per Python minor version."""
    base = Path(settings_dir if settings_dir is not None else QgsApplication.qgisSettingsDirPath())
    major, minor = python or sys.version_info[:2]
    return base / "kursk_tracker" / "python-packages" / f"py{major}.{minor}"


def activate_packages_dir(folder: str | Path | None = None) -> Path:
    """Put the plugin's packages folder first on sys.path, where it exists."""
    path = Path(folder) if folder is not None else packages_dir()
    entry = str(path)
    if path.is_dir() and entry not in sys.path:
        sys.path.insert(0, entry)
    # An import may have looked there before pip filled the folder.
    sys.path_importer_cache.pop(entry, None)
    importlib.invalidate_caches()
    return path


# Is shapely 2 here? -----------------------------------------------------------


def shapely_problem() -> str | None:
    """Why the geometry features cannot run here (one sentence), or None when shapely 2 works."""
    try:
        import shapely
    except ImportError:
        return tr(
            "Kursk Tracker needs the Python package shapely 2 for importing and measuring "
            "series; QGIS's Python does not have it."
        )
    if _version_of(shapely.__version__) < SHAPELY_MINIMUM:
        return tr(
            "Kursk Tracker needs the Python package shapely 2 for importing and measuring "
            "series; QGIS's Python has shapely {version}."
        ).format(version=shapely.__version__)
    try:
        # Inside the QGIS binaries QGIS's own GEOS library answers shapely's
        # calls; a shapely built for a newer GEOS then fails on simple things.
        shapely.Point(0, 0).wkt  # noqa: B018
        shapely.make_valid(shapely.box(0, 0, 1, 1))
    except Exception as error:  # any failure means the same to the user
        return tr(
            "Kursk Tracker needs the Python package shapely 2; shapely {version} in QGIS's "
            "Python does not work with this QGIS's GEOS library ({error})."
        ).format(version=shapely.__version__, error=error)
    return None


def require_shapely() -> None:
    """Raise a Processing error saying what to do when shapely 2 is missing."""
    problem = shapely_problem()
    if problem:
        from .compat import QgsProcessingException

        raise QgsProcessingException(f"{problem} {install_advice()}")


def _version_of(text: str) -> Version:
    parts = [int(p) for p in text.split(".")[:2] if p.isdigit()]
    major, minor = [*parts, 0, 0][:2]
    return major, minor


# Which shapely -------------------------------------------------------------------


def shapely_requirement(geos: Version, python: Version) -> str | None:
    """The shapely to install for QGIS's GEOS and Python, or None where no wheel fits."""
    if python <= NEWEST_PYTHON_OF_2_0:
        return f"shapely=={SHAPELY_FOR_OLDER_GEOS}"
    if geos >= (3, 12):
        return f"shapely=={SHAPELY_FOR_NEWER_PYTHON}"
    return None


def qgis_geos_version() -> Version:
    return Qgis.geosVersionMajor(), Qgis.geosVersionMinor()


def current_requirement() -> str | None:
    return shapely_requirement(qgis_geos_version(), sys.version_info[:2])


# Which Python runs pip -------------------------------------------------------------


def python_candidates(
    executable: str,
    exec_prefix: str,
    python: Version,
    platform: str,
    which: Callable[[str], str | None] = shutil.which,
) -> list[str]:
    """Programs that may be QGIS's Python, the likeliest first.

    Inside QGIS desktop sys.executable is the qgis binary on Linux and macOS
    (and qgis-bin.exe on Windows); Python then sits under sys.exec_prefix or
    beside the install's binaries.
    """
    major, minor = python
    windows = platform.startswith("win")
    path = PureWindowsPath if windows else PurePosixPath
    exe = path(executable) if executable else None
    found: list[str | None] = []
    if exe is not None and exe.name.lower().startswith("python"):
        found.append(str(exe))
    if windows:
        prefix = path(exec_prefix)
        found += [str(prefix / "python.exe"), str(prefix / "python3.exe")]
        if exe is not None:
            found += [str(exe.parent / "python3.exe"), str(exe.parent / "python.exe")]
        found += [which("python3.exe"), which("python.exe")]
    else:
        prefix = path(exec_prefix) / "bin"
        found += [str(prefix / f"python{major}.{minor}"), str(prefix / "python3")]
        if exe is not None:  # the macOS bundle: QGIS.app/Contents/MacOS/bin/python3
            found += [str(exe.parent / "bin" / f"python{major}.{minor}"), str(exe.parent / "bin" / "python3")]
        found += [
            f"/usr/bin/python{major}.{minor}",
            "/usr/bin/python3",
            which(f"python{major}.{minor}"),
            which("python3"),
        ]
    unique: list[str] = []
    for candidate in found:
        if candidate and candidate not in unique:
            unique.append(candidate)
    return unique


def ask_python_version(program: str, timeout_ms: int = 15000) -> Version | None:
    """The (major, minor) version a Python program says it is, or None."""
    if not Path(program).is_file():
        return None
    process = QProcess()
    process.start(program, ["-c", VERSION_QUERY])
    if not process.waitForFinished(timeout_ms) or process.exitStatus() != QProcess.ExitStatus.NormalExit:
        process.kill()
        return None
    if process.exitCode() != 0:
        return None
    answer = bytes(process.readAllStandardOutput()).decode("ascii", "replace").strip()
    try:
        major, minor = (int(part) for part in answer.split("."))
    except ValueError:
        return None
    return major, minor


def find_python(
    candidates: Sequence[str] | None = None,
    python: Version | None = None,
    ask: Callable[[str], Version | None] = ask_python_version,
) -> str | None:
    """The first candidate that is a Python of QGIS's minor version (asked, not guessed)."""
    python = python or sys.version_info[:2]
    if candidates is None:
        candidates = python_candidates(sys.executable, sys.exec_prefix, python, sys.platform)
    return next((c for c in candidates if ask(c) == python), None)


@lru_cache(maxsize=1)
def qgis_python() -> str | None:
    """QGIS's Python program, found once per session."""
    return find_python()


# The pip command and what to tell the user -------------------------------------------


def pip_arguments(requirement: str, target: str | Path, for_user: bool = False) -> list[str]:
    """pip's arguments: into the plugin's folder, the wheel alone (numpy stays QGIS's).

    `for_user`: the command to show, without the flags for running unattended.
    """
    arguments = [
        "-m",
        "pip",
        "install",
        "--target",
        str(target),
        "--no-deps",
        "--only-binary=:all:",
        "--upgrade",
    ]
    if not for_user:
        arguments += ["--disable-pip-version-check", "--no-input", "--progress-bar", "off"]
    return [*arguments, requirement]


def command_line(program: str, arguments: Sequence[str], windows: bool | None = None) -> str:
    """The command as a user would type it in a terminal (POSIX shell or Windows)."""
    windows = sys.platform.startswith("win") if windows is None else windows
    return " ".join(_quote(part, windows) for part in [program, *arguments])


def _quote(part: str, windows: bool) -> str:
    if windows:
        return f'"{part}"' if any(c in part for c in " \t&()^|<>=") else part
    safe = all(c.isalnum() or c in "@%+-_./:,=" for c in part)
    return part if part and safe else "'" + part.replace("'", "'\"'\"'") + "'"


def manual_command(
    python: str | None = None,
    target: str | Path | None = None,
    requirement: str | None = None,
    windows: bool | None = None,
) -> str:
    """The pip command a user can run themselves, with the plugin's folder as target."""
    windows = sys.platform.startswith("win") if windows is None else windows
    program = python or ("python" if windows else "python3")
    requirement = requirement or current_requirement() or f"shapely=={SHAPELY_FOR_OLDER_GEOS}"
    return command_line(program, pip_arguments(requirement, target or packages_dir(), for_user=True), windows)


def read_os_release(path: str = "/etc/os-release") -> dict[str, str]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError:
        return {}
    fields = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            fields[key.strip()] = value.strip().strip('"')
    return fields


def distribution_has_shapely_2(os_release: Mapping[str, str]) -> bool:
    """Whether the Linux distribution's python3-shapely is 2.x (Debian 13 on, Ubuntu 24.04 on)."""
    version = _version_of(os_release.get("VERSION_ID", ""))
    if os_release.get("ID") == "debian":
        # testing and unstable name no VERSION_ID
        return not os_release.get("VERSION_ID") or version >= (13, 0)
    if os_release.get("ID") == "ubuntu":
        return version >= (24, 4)
    return False


def distribution_advice(os_release: Mapping[str, str] | None = None) -> str:
    """Where the distribution packages shapely 2: that package; else nothing."""
    if os_release is None:
        os_release = read_os_release() if sys.platform.startswith("linux") else {}
    if distribution_has_shapely_2(os_release):
        return tr("Or install the distribution's package: sudo apt install python3-shapely")
    return ""


def install_advice(python: str | None = None, os_release: Mapping[str, str] | None = None) -> str:
    """What the user can do: the plugin's menu, the exact pip command, the distribution's package."""
    advice = tr("Install it from the menu Kursk Tracker › Install shapely…, or run: {command}").format(
        command=manual_command(python or qgis_python())
    )
    extra = distribution_advice(os_release)
    return f"{advice} {extra}" if extra else advice


def pip_advice(python: str) -> str:
    """How to get pip into QGIS's Python."""
    if Path("/etc/debian_version").exists():
        return tr("Install it with: sudo apt install python3-pip")
    return tr("Install it with: {command}").format(command=command_line(python, ["-m", "ensurepip"]))
