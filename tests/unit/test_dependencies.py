"""shapely for QGIS's Python: which version, which interpreter, which pip command, what to tell the user."""

from __future__ import annotations

import shlex
import stat
import sys
import types
from pathlib import Path

import pytest

from kursk_tracker.toolbelt import dependencies, shapely_install
from kursk_tracker.toolbelt.dependencies import (
    activate_packages_dir,
    ask_python_version,
    command_line,
    distribution_has_shapely_2,
    find_python,
    install_advice,
    manual_command,
    packages_dir,
    pip_arguments,
    python_candidates,
    shapely_problem,
    shapely_requirement,
)
from kursk_tracker.toolbelt.shapely_install import (
    install_shapely,
    load_installed_shapely,
    shadowed_install_problem,
)

DEBIAN_12 = {"ID": "debian", "VERSION_ID": "12", "VERSION_CODENAME": "bookworm"}
DEBIAN_13 = {"ID": "debian", "VERSION_ID": "13", "VERSION_CODENAME": "trixie"}


def no_program(_name: str) -> None:
    return None


# Which shapely ---------------------------------------------------------------------


def test_qgis_3_22_on_debian_12_gets_shapely_2_0_7():
    assert shapely_requirement(geos=(3, 11), python=(3, 11)) == "shapely==2.0.7"


def test_debian_13_with_geos_3_13_also_gets_2_0_7():
    assert shapely_requirement(geos=(3, 13), python=(3, 13)) == "shapely==2.0.7"


def test_older_pythons_get_2_0_7():
    assert shapely_requirement(geos=(3, 8), python=(3, 7)) == "shapely==2.0.7"


def test_python_3_14_gets_2_1_where_geos_is_new_enough():
    assert shapely_requirement(geos=(3, 13), python=(3, 14)) == "shapely==2.1.2"
    assert shapely_requirement(geos=(3, 12), python=(3, 15)) == "shapely==2.1.2"


def test_python_3_14_with_an_old_geos_has_no_wheel_that_works():
    assert shapely_requirement(geos=(3, 11), python=(3, 14)) is None


# The plugin's folder ---------------------------------------------------------------------


def test_the_packages_folder_is_in_the_profile_per_python_minor_version(tmp_path):
    assert packages_dir(tmp_path, (3, 11)) == tmp_path / "kursk_tracker" / "python-packages" / "py3.11"
    assert packages_dir(tmp_path, (3, 12)).name == "py3.12"


def test_activating_puts_the_folder_first_once_and_only_when_it_exists(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "path", list(sys.path))
    folder = packages_dir(tmp_path, (3, 11))
    activate_packages_dir(folder)
    assert str(folder) not in sys.path
    folder.mkdir(parents=True)
    activate_packages_dir(folder)
    activate_packages_dir(folder)
    assert sys.path[0] == str(folder)
    assert sys.path.count(str(folder)) == 1


def test_a_package_written_after_activation_imports_once_activated_again(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "path", list(sys.path))
    folder = tmp_path / "packages"
    folder.mkdir()
    activate_packages_dir(folder)
    with pytest.raises(ImportError):
        __import__("kt_late_package")
    (folder / "kt_late_package.py").write_text("VALUE = 7\n")
    activate_packages_dir(folder)
    try:
        assert __import__("kt_late_package").VALUE == 7
    finally:
        sys.modules.pop("kt_late_package", None)


# Is shapely here --------------------------------------------------------------------------


def test_shapely_2_of_the_test_environment_works():
    assert shapely_problem() is None


def test_no_shapely_is_reported(monkeypatch):
    monkeypatch.setitem(sys.modules, "shapely", None)  # import then raises ImportError
    assert "does not have it" in shapely_problem()


def test_shapely_1_8_is_reported_with_its_version(monkeypatch):
    monkeypatch.setitem(sys.modules, "shapely", types.SimpleNamespace(__version__="1.8.5.post1"))
    assert "has shapely 1.8.5.post1" in shapely_problem()


def test_a_shapely_that_fails_with_qgis_geos_is_reported(monkeypatch):
    def broken(*_args):
        raise ValueError("WKT output dimension must be 2 or 3")

    fake = types.SimpleNamespace(__version__="2.1.0", Point=broken, make_valid=broken, box=broken)
    monkeypatch.setitem(sys.modules, "shapely", fake)
    problem = shapely_problem()
    assert "shapely 2.1.0" in problem and "GEOS" in problem and "WKT output dimension" in problem


def test_processing_algorithms_say_what_to_do(monkeypatch):
    from qgis.core import QgsProcessingException

    monkeypatch.setattr(dependencies, "shapely_problem", lambda: "No shapely.")
    monkeypatch.setattr(dependencies, "qgis_python", lambda: "/usr/bin/python3.11")
    with pytest.raises(QgsProcessingException) as raised:
        dependencies.require_shapely()
    message = str(raised.value)
    assert message.startswith("No shapely. Install it from the menu Kursk Tracker › Install shapely…")
    assert "/usr/bin/python3.11 -m pip install --target" in message


# Which Python runs pip -----------------------------------------------------------------------


def test_inside_qgis_on_linux_the_qgis_binary_is_not_taken_for_python():
    candidates = python_candidates("/usr/bin/qgis", "/usr", (3, 11), "linux", which=no_program)
    assert candidates[:2] == ["/usr/bin/python3.11", "/usr/bin/python3"]
    assert "/usr/bin/qgis" not in candidates


def test_a_python_executable_comes_first():
    candidates = python_candidates("/opt/venv/bin/python", "/opt/venv", (3, 11), "linux", which=no_program)
    assert candidates[0] == "/opt/venv/bin/python"


def test_on_windows_python_exe_under_the_exec_prefix_comes_first():
    candidates = python_candidates(
        r"C:\Program Files\QGIS 3.40\bin\qgis-bin.exe",
        r"C:\Program Files\QGIS 3.40\apps\Python312",
        (3, 12),
        "win32",
        which=no_program,
    )
    assert candidates[:2] == [
        r"C:\Program Files\QGIS 3.40\apps\Python312\python.exe",
        r"C:\Program Files\QGIS 3.40\apps\Python312\python3.exe",
    ]
    assert r"C:\Program Files\QGIS 3.40\bin\python3.exe" in candidates
    assert not any(c.endswith("qgis-bin.exe") for c in candidates)


def test_on_macos_the_bundles_python_is_a_candidate():
    candidates = python_candidates(
        "/Applications/QGIS.app/Contents/MacOS/QGIS",
        "/Applications/QGIS.app/Contents/Frameworks",
        (3, 9),
        "darwin",
        which=no_program,
    )
    assert "/Applications/QGIS.app/Contents/Frameworks/bin/python3.9" in candidates
    assert "/Applications/QGIS.app/Contents/MacOS/bin/python3" in candidates


def test_the_first_candidate_of_the_right_minor_version_is_taken():
    versions = {"/a/python3": (3, 9), "/b/python3": None, "/c/python3": (3, 11), "/d/python3": (3, 11)}
    found = find_python(list(versions), (3, 11), ask=versions.get)
    assert found == "/c/python3"


def test_no_candidate_of_the_right_version_finds_nothing():
    assert find_python(["/a/python3"], (3, 11), ask=lambda _c: (3, 9)) is None


def test_pythons_are_asked_for_their_version():
    assert ask_python_version(sys.executable) == tuple(sys.version_info[:2])
    assert ask_python_version("/nonexistent/python3") is None
    assert ask_python_version("/bin/false") is None


def test_the_python_found_here_is_of_this_minor_version():
    found = find_python()
    assert found is not None
    assert ask_python_version(found) == tuple(sys.version_info[:2])


# The pip command ---------------------------------------------------------------------------


def test_pip_installs_the_wheel_alone_into_the_target_with_pips_own_settings(tmp_path):
    arguments = pip_arguments("shapely==2.0.7", tmp_path)
    assert arguments[:3] == ["-m", "pip", "install"]
    assert arguments[arguments.index("--target") + 1] == str(tmp_path)
    assert {"--no-deps", "--only-binary=:all:", "--upgrade"} <= set(arguments)
    assert arguments[-1] == "shapely==2.0.7"
    # pip.conf and PIP_* (mirrors, local wheel folders) must apply
    assert not {"--user", "--isolated", "--index-url", "-i", "--no-index"} & set(arguments)


def test_the_manual_command_is_one_a_posix_shell_runs_as_meant(tmp_path):
    target = tmp_path / "QGIS profile" / "py3.11"
    command = manual_command("/usr/bin/python3.11", target, "shapely==2.0.7", windows=False)
    expected = ["/usr/bin/python3.11", *pip_arguments("shapely==2.0.7", target, for_user=True)]
    assert shlex.split(command) == expected
    assert command.startswith("/usr/bin/python3.11 -m pip install --target '")
    assert command.endswith(" --no-deps --only-binary=:all: --upgrade shapely==2.0.7")


def test_the_manual_command_on_windows_quotes_paths_with_spaces():
    arguments = ["-m", "pip", "install", "--target", r"C:\Users\Anna Maria\py3.12", "shapely==2.0.7"]
    command = command_line(r"C:\Program Files\QGIS 3.40\apps\Python312\python.exe", arguments, windows=True)
    assert command == (
        r'"C:\Program Files\QGIS 3.40\apps\Python312\python.exe" -m pip install --target '
        r'"C:\Users\Anna Maria\py3.12" "shapely==2.0.7"'
    )


# What to tell the user -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("release", "expected"),
    [
        (DEBIAN_12, False),
        (DEBIAN_13, True),
        ({"ID": "debian", "VERSION_CODENAME": "forky"}, True),  # testing / unstable: no VERSION_ID
        ({"ID": "ubuntu", "VERSION_ID": "22.04"}, False),
        ({"ID": "ubuntu", "VERSION_ID": "24.04"}, True),
        ({"ID": "fedora", "VERSION_ID": "42"}, False),
        ({}, False),
    ],
)
def test_distributions_whose_python3_shapely_is_2(release, expected):
    assert distribution_has_shapely_2(release) is expected


def test_the_advice_names_the_menu_the_command_and_on_debian_13_the_package(tmp_path, monkeypatch):
    monkeypatch.setattr(dependencies, "packages_dir", lambda *a: tmp_path / "py3.11")
    advice = install_advice("/usr/bin/python3", DEBIAN_13)
    assert "Kursk Tracker › Install shapely…" in advice
    assert f"/usr/bin/python3 -m pip install --target {tmp_path / 'py3.11'} " in advice
    assert advice.endswith("sudo apt install python3-shapely")
    assert "apt install python3-shapely" not in install_advice("/usr/bin/python3", DEBIAN_12)


# Installing: what pip says ---------------------------------------------------------------------


def fake_python(folder: Path, script: str) -> str:
    """A program standing in for python: a shell script."""
    program = folder / "python3"
    program.write_text("#!/bin/sh\n" + script)
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return str(program)


def test_a_python_without_pip_is_named_with_how_to_get_pip(tmp_path):
    python = fake_python(tmp_path, 'echo "/usr/bin/python3: No module named pip" >&2\nexit 1\n')
    outcome = install_shapely(tmp_path / "target", "shapely==2.0.7", python=python)
    assert not outcome.ok
    assert "No module named pip" in outcome.message
    assert "Install it with: " in outcome.message
    assert f"{python} -m pip install --target {tmp_path / 'target'}" in outcome.message


def test_a_failing_pip_shows_its_last_error_and_the_command(tmp_path):
    python = fake_python(
        tmp_path,
        "echo 'Looking in links: /nowhere'\n"
        "echo 'ERROR: Could not find a version that satisfies the requirement "
        "shapely==2.0.7 (from versions: none)'\n"
        "echo 'ERROR: No matching distribution found for shapely==2.0.7'\n"
        "exit 1\n",
    )
    outcome = install_shapely(tmp_path / "target", "shapely==2.0.7", python=python)
    assert not outcome.ok and not outcome.restart
    assert "exit code 1" in outcome.message
    assert "ERROR: No matching distribution found for shapely==2.0.7" in outcome.message
    assert "network" in outcome.message
    assert "Could not find a version" in outcome.details
    assert outcome.details.endswith(manual_command(python, tmp_path / "target", "shapely==2.0.7"))


def test_pips_steps_show_as_progress_and_success(tmp_path):
    python = fake_python(
        tmp_path,
        "echo 'Collecting shapely==2.0.7'\necho 'Installing collected packages: "
        "shapely'\necho 'Successfully installed shapely-2.0.7'\n",
    )
    seen: list[float] = []
    outcome = install_shapely(tmp_path / "target", "shapely==2.0.7", python=python, progress=seen.append)
    assert outcome.ok
    assert seen[-1] == 100.0
    assert seen == sorted(seen)
    assert (tmp_path / "target").is_dir()


def test_cancel_stops_pip(tmp_path):
    python = fake_python(tmp_path, "sleep 30\n")
    outcome = install_shapely(tmp_path / "target", "shapely==2.0.7", python=python, canceled=lambda: True)
    assert outcome.canceled and not outcome.ok


def test_without_qgis_python_the_command_to_run_is_given(tmp_path, monkeypatch):
    monkeypatch.setattr(shapely_install, "qgis_python", lambda: None)
    outcome = install_shapely(tmp_path / "target", "shapely==2.0.7")
    assert not outcome.ok
    assert "could not find the Python" in outcome.message
    assert "-m pip install --target" in outcome.message


def test_without_a_fitting_wheel_nothing_runs(tmp_path, monkeypatch):
    monkeypatch.setattr(shapely_install, "current_requirement", lambda: None)
    outcome = install_shapely(tmp_path / "target")
    assert not outcome.ok and "no shapely 2 wheel" in outcome.message
    assert not (tmp_path / "target").exists()


def test_an_older_shapely_already_loaded_needs_a_restart(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setitem(
        sys.modules,
        "shapely",
        types.SimpleNamespace(
            __version__="1.8.5", __file__="/usr/lib/python3/dist-packages/shapely/__init__.py"
        ),
    )
    (tmp_path / "py3.11").mkdir()
    outcome = load_installed_shapely(tmp_path / "py3.11", "shapely==2.0.7")
    assert outcome.restart and not outcome.ok
    assert "shapely 1.8.5 from /usr/lib/python3/dist-packages/shapely" in outcome.message
    assert "restart QGIS" in outcome.message


def test_at_start_a_shapely_loaded_before_the_plugins_own_is_named(tmp_path, monkeypatch):
    folder = tmp_path / "py3.11"
    monkeypatch.setitem(
        sys.modules,
        "shapely",
        types.SimpleNamespace(
            __version__="1.8.5", __file__="/usr/lib/python3/dist-packages/shapely/__init__.py"
        ),
    )
    assert shadowed_install_problem(folder) is None  # nothing installed for the plugin: offer the install
    (folder / "shapely").mkdir(parents=True)
    problem = shadowed_install_problem(folder)
    assert "loaded shapely 1.8.5 from /usr/lib/python3/dist-packages/shapely first" in problem
    assert f"{folder} in the environment variable PYTHONPATH" in problem
    monkeypatch.setitem(
        sys.modules,
        "shapely",
        types.SimpleNamespace(__version__="2.0.7", __file__=str(folder / "shapely" / "__init__.py")),
    )
    assert shadowed_install_problem(folder) is None
