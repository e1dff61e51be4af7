"""Scan a plugin zip as the QGIS plugin repository scans an upload.

plugins.qgis.org unpacks every uploaded zip and runs Bandit and
detect-secrets over it; any finding blocks the version. It also flags
executable Python files, hidden files and binaries, and shows flake8's
count (never blocking). This runs the same tools over exactly the zip's
files, Bandit with all its tests at every severity (a superset of the
repository's rule list), and exits 1 on any blocking finding.

    .venv/bin/python tools/scan_zip.py dist/kursk_tracker-0.2.0.zip
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess  # nosec B404 - a developer tool, not part of the plugin zip
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

SUSPICIOUS_SUFFIXES = (".exe", ".dll", ".so", ".dylib", ".bat", ".sh", ".ps1", ".cmd", ".pyc", ".pyo")
FLAKE8_MAX_LINE = 120
"""The repository runs flake8 with this line length and otherwise default settings."""


@dataclass
class Report:
    bandit: list[str] = field(default_factory=list)
    secrets: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    flake8_count: int = 0

    @property
    def blocking(self) -> int:
        return len(self.bandit) + len(self.secrets) + len(self.files)


def tool(name: str) -> str:
    """A scanner installed beside this Python (the venv's bin), else on PATH."""
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else (shutil.which(name) or name)


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600, check=False)  # nosec B603


def bandit_findings(folder: Path) -> list[str]:
    result = run([tool("bandit"), "-r", str(folder), "-f", "json", "--quiet"], folder)
    if not result.stdout.strip():
        raise RuntimeError(f"bandit gave no report: {result.stderr.strip()[-500:]}")
    report = json.loads(result.stdout)
    if report.get("errors"):
        raise RuntimeError(f"bandit could not read files: {report['errors']}")
    return [
        f"{Path(r['filename']).relative_to(folder)}:{r['line_number']}: {r['test_id']} "
        f"({r['issue_severity']}) {r['issue_text']}"
        for r in report.get("results", [])
    ]


def secret_findings(folder: Path) -> list[str]:
    result = run(
        [tool("detect-secrets"), "scan", "--all-files", "--exclude-files", r"metadata\.txt", "."], folder
    )
    if result.returncode != 0 or not result.stdout.strip():
        raise RuntimeError(f"detect-secrets failed: {result.stderr.strip()[-500:]}")
    report = json.loads(result.stdout)
    return [
        f"{name}:{secret['line_number']}: {secret['type']}"
        for name, secrets in sorted(report.get("results", {}).items())
        for secret in secrets
    ]


def file_findings(archive: zipfile.ZipFile) -> list[str]:
    findings = []
    for info in archive.infolist():
        name = info.filename
        mode = info.external_attr >> 16
        if name.endswith(".py") and mode & 0o111:
            findings.append(f"{name}: Python file with the executable bit")
        if Path(name).name.startswith(".") and Path(name).name not in (".gitignore", ".gitattributes"):
            findings.append(f"{name}: hidden file")
        if name.lower().endswith(SUSPICIOUS_SUFFIXES) or "__pycache__" in name:
            findings.append(f"{name}: binary, script or cache file")
    return findings


def flake8_count(folder: Path) -> int:
    files = [str(p) for p in sorted(folder.rglob("*.py"))]
    result = run([tool("flake8"), f"--max-line-length={FLAKE8_MAX_LINE}", *files], folder)
    return len([line for line in result.stdout.splitlines() if line.strip()])


def scan(zip_path: Path) -> Report:
    report = Report()
    with zipfile.ZipFile(zip_path) as archive, tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        archive.extractall(folder)
        report.files = file_findings(archive)
        report.bandit = bandit_findings(folder)
        report.secrets = secret_findings(folder)
        report.flake8_count = flake8_count(folder)
    return report


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    zip_path = Path(argv[0])
    report = scan(zip_path)
    for title, findings in (
        ("Bandit", report.bandit),
        ("detect-secrets", report.secrets),
        ("Files", report.files),
    ):
        print(f"{title}: {len(findings)} finding(s)")
        for finding in findings:
            print(f"  {finding}")
    print(
        f"flake8 (--max-line-length={FLAKE8_MAX_LINE}, shown by the repository, not blocking): "
        f"{report.flake8_count} message(s)"
    )
    size = os.path.getsize(zip_path)
    print(
        f"{zip_path.name}: {size / 1e6:.1f} MB; "
        + ("passes the repository's scan" if not report.blocking else "the repository would BLOCK it")
    )
    return 1 if report.blocking else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
