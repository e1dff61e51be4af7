"""Installing shapely with pip into the plugin's packages folder, and loading it from there.

pip runs with QGIS's own Python (`dependencies.qgis_python`) in a QProcess, no
`subprocess` (the plugin repository's Bandit scan blocks it); in the
background it runs as a QgsTask with progress and cancel.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from qgis.core import QgsTask
from qgis.PyQt.QtCore import QProcess

from .dependencies import (
    activate_packages_dir,
    current_requirement,
    distribution_advice,
    install_advice,
    manual_command,
    packages_dir,
    pip_advice,
    pip_arguments,
    qgis_geos_version,
    qgis_python,
    shapely_problem,
)
from .i18n import tr

PIP_TIMEOUT_S = 15 * 60


@dataclass(frozen=True)
class InstallOutcome:
    """How an install went: what to tell the user, and whether the plugin can use shapely now."""

    ok: bool
    message: str
    details: str = ""
    """pip's last lines, the command to run: shown under "more"."""
    restart: bool = False
    """Installed, but an older shapely is already loaded in this session."""
    canceled: bool = False


def _last_lines(output: str, count: int = 12) -> str:
    return "\n".join(line for line in output.strip().splitlines()[-count:])


def _progress_of(line: str) -> float | None:
    """pip's steps as a share of the work."""
    steps = (
        ("Looking in", 10.0),
        ("Collecting", 20.0),
        ("Processing", 40.0),
        ("Downloading", 40.0),
        ("Installing collected packages", 80.0),
        ("Successfully installed", 95.0),
    )
    return next((share for prefix, share in steps if line.strip().startswith(prefix)), None)


def install_shapely(
    target: str | Path | None = None,
    requirement: str | None = None,
    python: str | None = None,
    progress: Callable[[float], None] = lambda _share: None,
    canceled: Callable[[], bool] = lambda: False,
) -> InstallOutcome:
    """Run pip for shapely into the plugin's folder (blocking; the task runs it in the background)."""
    target = Path(target) if target is not None else packages_dir()
    requirement = requirement or current_requirement()
    if requirement is None:
        geos, version = qgis_geos_version(), sys.version_info[:2]
        return InstallOutcome(
            False,
            tr(
                "There is no shapely 2 wheel that works with Python {python} and this QGIS's GEOS {geos}: "
                "install a shapely 2 built for GEOS {geos} into QGIS's Python."
            ).format(python="{}.{}".format(*version), geos="{}.{}".format(*geos)),
        )
    python = python or qgis_python()
    command = manual_command(python, target, requirement)
    if python is None:
        return InstallOutcome(
            False,
            tr(
                "Kursk Tracker could not find the Python {version} program that QGIS runs on, to run pip "
                "with. Run this with QGIS's Python: {command}"
            ).format(version="{}.{}".format(*sys.version_info[:2]), command=command),
            command,
        )
    target.mkdir(parents=True, exist_ok=True)
    process = QProcess()
    process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
    process.start(python, pip_arguments(requirement, target))
    if not process.waitForStarted(30000):
        message = tr("pip could not be started with {python} ({error}). Run: {command}")
        return InstallOutcome(
            False, message.format(python=python, error=process.errorString(), command=command), command
        )
    output = ""
    deadline = time.monotonic() + PIP_TIMEOUT_S
    while process.state() != QProcess.ProcessState.NotRunning:
        process.waitForFinished(200)
        output += bytes(process.readAll()).decode("utf-8", "replace")
        shares = [s for s in map(_progress_of, output.splitlines()) if s is not None]
        progress(max(shares, default=5.0))
        if canceled() or time.monotonic() > deadline:
            process.kill()
            process.waitForFinished(5000)
            if canceled():
                return InstallOutcome(False, tr("The installation of shapely was canceled."), canceled=True)
            message = tr("pip did not finish within {minutes} minutes. Run: {command}")
            return InstallOutcome(
                False, message.format(minutes=PIP_TIMEOUT_S // 60, command=command), _last_lines(output)
            )
    output += bytes(process.readAll()).decode("utf-8", "replace")
    if process.exitStatus() == QProcess.ExitStatus.NormalExit and process.exitCode() == 0:
        progress(100.0)
        return InstallOutcome(
            True,
            tr("{requirement} is installed for Kursk Tracker in {folder}.").format(
                requirement=requirement, folder=target
            ),
            _last_lines(output),
        )
    details = f"{_last_lines(output)}\n\n{command}"
    if "No module named pip" in output:
        return InstallOutcome(
            False,
            tr(
                "QGIS's Python ({python}) has no pip (No module named pip). {get_pip} Then choose Kursk "
                "Tracker › Install shapely… again, or run: {command}"
            ).format(python=python, get_pip=pip_advice(python), command=command),
            details,
        )
    message = tr(
        "pip could not install {requirement} (exit code {code}): {error}. Check the network "
        "connection or pip's index settings and try again, or run: {command}"
    ).format(requirement=requirement, code=process.exitCode(), error=_last_error(output), command=command)
    extra = distribution_advice()
    return InstallOutcome(False, f"{message} {extra}" if extra else message, details)


def _last_error(output: str) -> str:
    """pip's last ERROR line, else its last line."""
    lines = [line.strip() for line in output.strip().splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("ERROR")]
    return (errors or lines or ["?"])[-1]


def other_shapely(folder: str | Path | None = None) -> tuple[str, Path] | None:
    """(version, folder) of a shapely loaded in this session from elsewhere than the plugin's folder."""
    folder = Path(folder) if folder is not None else packages_dir()
    loaded = sys.modules.get("shapely")
    if loaded is None:
        return None
    where = Path(getattr(loaded, "__file__", "") or "")
    if folder.resolve() in where.resolve().parents:
        return None
    return str(getattr(loaded, "__version__", "?")), where.parent


def shadowed_install_problem(folder: str | Path | None = None) -> str | None:
    """At start: shapely is installed for the plugin, but QGIS or another plugin loaded an older one first."""
    folder = Path(folder) if folder is not None else packages_dir()
    other = other_shapely(folder)
    if other is None or not (folder / "shapely").is_dir():
        return None
    version, where = other
    return tr(
        "shapely 2 is installed for Kursk Tracker in {folder}, but QGIS or another plugin loaded "
        "shapely {version} from {where} first. Remove that one or disable the plugin that loads it, "
        "or start QGIS with {folder} in the environment variable PYTHONPATH."
    ).format(folder=folder, version=version, where=where)


def load_installed_shapely(target: str | Path | None = None, requirement: str = "shapely") -> InstallOutcome:
    """After pip: shapely from the plugin's folder, in this session where no other one is loaded."""
    folder = activate_packages_dir(target)
    other = other_shapely(folder)
    if other is not None:
        version, where = other
        return InstallOutcome(
            False,
            tr(
                "{requirement} is installed for Kursk Tracker in {folder}, but this QGIS session has already "
                "loaded shapely {version} from {where}: restart QGIS to use the new one."
            ).format(requirement=requirement, folder=folder, version=version, where=where),
            restart=True,
        )
    problem = shapely_problem()
    if problem:
        return InstallOutcome(False, problem, install_advice())
    import shapely

    return InstallOutcome(
        True,
        tr(
            "shapely {version} is installed for Kursk Tracker in {folder}; "
            "importing and measuring series work now."
        ).format(version=shapely.__version__, folder=folder),
    )


class ShapelyInstallTask(QgsTask):
    """pip in the background with progress and cancel; `on_done(outcome)` in the main thread."""

    def __init__(
        self,
        on_done: Callable[[InstallOutcome], None] | None = None,
        target: str | Path | None = None,
        requirement: str | None = None,
    ) -> None:
        super().__init__(tr("Installing shapely for Kursk Tracker"))
        self.target = Path(target) if target is not None else packages_dir()
        self.requirement = requirement or current_requirement()
        self.on_done = on_done
        self.outcome: InstallOutcome | None = None

    def run(self) -> bool:
        self.outcome = install_shapely(
            self.target, self.requirement, progress=self.setProgress, canceled=self.isCanceled
        )
        return self.outcome.ok

    def finished(self, result: bool) -> None:
        outcome = self.outcome or InstallOutcome(
            False, tr("The installation of shapely was canceled."), canceled=True
        )
        if result:
            outcome = load_installed_shapely(self.target, self.requirement or "shapely")
        if self.on_done is not None:
            self.on_done(outcome)
