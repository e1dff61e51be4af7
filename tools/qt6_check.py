"""The Qt6 check: would the plugin's Qt code load and run on QGIS 4 (PyQt6)?

QGIS 4 cannot run on Debian, but PyQt6 from PyPI can. On QGIS 4,
`qgis.PyQt.<Module>` is PyQt6's module re-exported (plus NULL in QtCore and
`QLayout.setMargin`), so this script

1. resolves every `qgis.PyQt` import of the given package against PyQt6;
2. resolves every attribute chain rooted at an imported Qt name
   (`Qt.AlignmentFlag.AlignLeft`, `QSizePolicy.Policy.Expanding`);
3. flags what PyQt6 changed in behaviour: `int()`, arithmetic or comparison
   with numbers on enums that are no longer ints, `exec_()`, the Python
   modules gone from Python 3.12 (`imp`, `distutils`);
4. calls the Qt constructors the code calls with fixed arguments
   (`QKeySequence(Qt.Key.Key_Space)`) and imports every module of the package
   that needs nothing but Qt, then draws the widgets they define.

Branches that only run on old Qt or QGIS, inside the compat modules, are left
out. Run it in a process of its own (PyQt5 must not be loaded):

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/qt6_check.py kursk_tracker

It prints one line per problem and exits 1 when there is any.

With `--qgis-enums`, run in QGIS 3's Python instead (no PyQt6), it finds
QGIS enum members used without their enum's name, which QGIS 4 no longer
accepts (`QgsDataSourceUri.SslRequire` → `QgsDataSourceUri.SslMode.SslRequire`).
"""

from __future__ import annotations

import ast
import enum
import importlib
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

COMPAT_MODULES = ("compat.py", "qtcompat.py")
VERSION_NAMES = {"QT_MAJOR", "QT_VERSION", "QT_VERSION_STR", "QGIS_VERSION_INT"}
GONE_MODULES = {"imp": "importlib", "distutils": "packaging/setuptools/shutil"}
NOT_QT_ONLY = (
    "qgis.core",
    "qgis.gui",
    "qgis.analysis",
    "qgis.processing",
    "qgis.utils",
    "processing",
    "shapely",
    "osgeo",
    "psycopg2",
)

# What QGIS 4 adds to PyQt6's modules in qgis.PyQt (python/PyQt/PyQt6/ in QGIS).
SHIMS = {
    "QtCore": "from PyQt6.QtCore import *\nNULL = QVariant(QMetaType.Type.Int)\n",
    "QtWidgets": (
        "from PyQt6.QtWidgets import *\n"
        "QLayout.setMargin = lambda self, m: self.setContentsMargins(m, m, m, m)\n"
    ),
    "sip": "from PyQt6.sip import *\n",
}


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def install_qgis_pyqt6_shim() -> Path:
    """A package `qgis.PyQt` made of PyQt6, as QGIS 4 provides it; first on sys.path."""
    root = Path(tempfile.mkdtemp(prefix="qt6check-"))
    package = root / "qgis" / "PyQt"
    package.mkdir(parents=True)
    (root / "qgis" / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    for name in (
        "QtCore",
        "QtGui",
        "QtWidgets",
        "QtXml",
        "QtNetwork",
        "QtSvg",
        "QtPrintSupport",
        "QtSql",
        "QtTest",
        "sip",
    ):
        (package / f"{name}.py").write_text(SHIMS.get(name, f"from PyQt6.{name} import *\n"))
    sys.path.insert(0, str(root))
    for loaded in [m for m in sys.modules if m == "qgis" or m.startswith("qgis.")]:
        del sys.modules[loaded]
    return root


def qt_module(name: str):
    """The module `qgis.PyQt.<name>` as QGIS 4 has it, or None when PyQt6 has none."""
    try:
        return importlib.import_module(f"qgis.PyQt.{name}")
    except ImportError:
        return None


def exempt_lines(tree: ast.Module, path: Path) -> set[int]:
    """Lines of compat branches that run only on Qt 5 or an older QGIS."""
    if path.name not in COMPAT_MODULES:
        return set()
    lines: set[int] = set()
    for node in ast.walk(tree):
        for block in (getattr(node, "body", None), getattr(node, "orelse", None)):
            lines.update(after_feature_switch(block))
        if not isinstance(node, ast.If) or not isinstance(node.test, ast.Compare):
            continue
        names = {n.id for n in ast.walk(node.test) if isinstance(n, ast.Name)}
        names |= {n.attr for n in ast.walk(node.test) if isinstance(n, ast.Attribute)}
        if not names & VERSION_NAMES:
            continue
        newer_first = isinstance(node.test.ops[0], (ast.GtE, ast.Gt))
        old_branch = node.orelse if newer_first else node.body
        for statement in old_branch:
            lines.update(range(statement.lineno, (statement.end_lineno or statement.lineno) + 1))
    return lines


def after_feature_switch(block) -> set[int]:
    """Lines after `if hasattr(Qgis, "X"): return …` in a block: the old-QGIS way."""
    lines: set[int] = set()
    if not isinstance(block, list):
        return lines
    for index, statement in enumerate(block):
        if (
            isinstance(statement, ast.If)
            and isinstance(statement.test, ast.Call)
            and isinstance(statement.test.func, ast.Name)
            and statement.test.func.id == "hasattr"
            and isinstance(statement.body[-1], ast.Return)
        ):
            for later in block[index + 1 :]:
                lines.update(range(later.lineno, (later.end_lineno or later.lineno) + 1))
            break
    return lines


def attribute_chain(node: ast.AST) -> tuple[str, list[str]] | None:
    """`Qt.AlignmentFlag.AlignLeft` → ("Qt", ["AlignmentFlag", "AlignLeft"])."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return node.id, list(reversed(parts))
    return None


class Checker(ast.NodeVisitor):
    def __init__(self, path: Path, tree: ast.Module) -> None:
        self.path = path
        self.exempt = exempt_lines(tree, path)
        self.names: dict[str, object] = {}
        self.problems: list[Problem] = []
        self.parents: dict[ast.AST, ast.AST] = {}
        for parent in ast.walk(tree):
            for child in ast.iter_child_nodes(parent):
                self.parents[child] = parent

    def report(self, node: ast.AST, message: str) -> None:
        line = getattr(node, "lineno", 0)
        if line not in self.exempt:
            self.problems.append(Problem(str(self.path), line, message))

    def check_import(self, node: ast.Import | ast.ImportFrom) -> None:
        if isinstance(node, ast.Import):
            self.import_modules(node)
        else:
            self.import_names(node)

    def import_modules(self, node: ast.Import) -> None:
        for alias in node.names:
            top = alias.name.split(".")[0]
            if top in GONE_MODULES:
                self.report(node, gone_module(alias.name, top))
            if alias.name.startswith("qgis.PyQt.") and node.lineno not in self.exempt:
                module_name = alias.name.split(".")[2]
                module = qt_module(module_name)
                if module is None:
                    self.report(node, f"PyQt6 has no module {module_name}")
                elif alias.asname:
                    self.names[alias.asname] = module

    def import_names(self, node: ast.ImportFrom) -> None:
        top = (node.module or "").split(".")[0]
        if top in GONE_MODULES and node.level == 0:
            self.report(node, gone_module(node.module or top, top))
        if node.level or node.lineno in self.exempt:
            return
        if node.module == "qgis.PyQt":
            for alias in node.names:
                module = qt_module(alias.name)
                if module is None:
                    self.report(node, f"PyQt6 has no module {alias.name}")
                else:
                    self.names[alias.asname or alias.name] = module
        elif (node.module or "").startswith("qgis.PyQt."):
            module_name = node.module.split(".")[2]
            module = qt_module(module_name)
            if module is None:
                self.report(node, f"PyQt6 has no module {module_name}")
                return
            for alias in node.names:
                if not hasattr(module, alias.name):
                    self.report(
                        node,
                        f"{alias.name} is not in qgis.PyQt.{module_name} on Qt6 (PyQt6)"
                        + moved_hint(alias.name),
                    )
                else:
                    self.names[alias.asname or alias.name] = getattr(module, alias.name)

    def resolve(self, node: ast.AST):
        """The PyQt6 object an attribute chain on a Qt name stands for, or None if not a Qt chain."""
        chain = attribute_chain(node)
        if chain is None or chain[0] not in self.names:
            return None
        value = self.names[chain[0]]
        for attribute in chain[1]:
            value = getattr(value, attribute)
        return value

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr == "exec_":
            self.report(node, "exec_() is gone in PyQt6; use exec()")
        if isinstance(self.parents.get(node), ast.Attribute):
            return self.generic_visit(node)  # the outermost chain is checked
        chain = attribute_chain(node)
        if chain is not None and chain[0] in self.names:
            value = self.names[chain[0]]
            walked = [chain[0]]
            for attribute in chain[1]:
                if not hasattr(value, attribute):
                    self.report(
                        node, f"{'.'.join(walked)} has no {attribute} in PyQt6" + enum_hint(value, attribute)
                    )
                    break
                value = getattr(value, attribute)
                walked.append(attribute)
        self.generic_visit(node)

    def non_int_enum(self, node: ast.AST) -> enum.Enum | None:
        """An enum member (or | of them) that is not an int in PyQt6."""
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.BitOr, ast.BitAnd)):
            return self.non_int_enum(node.left) or self.non_int_enum(node.right)
        try:
            value = self.resolve(node)
        except AttributeError:
            return None  # reported as a missing name
        if isinstance(value, enum.Enum) and not isinstance(value, int):
            return value
        return None

    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Name) and node.func.id in ("int", "float") and node.args:
            member = self.non_int_enum(node.args[0])
            if member is not None:
                self.report(
                    node,
                    f"{node.func.id}() on {type(member).__name__}.{member.name}: "
                    "not a number in PyQt6 (use the enum, or .value)",
                )
        self.call_with_fixed_arguments(node)
        self.generic_visit(node)

    def call_with_fixed_arguments(self, node: ast.Call) -> None:
        """Construct a Qt value type from literals and Qt enums, as PyQt6 would."""
        try:
            target = self.resolve(node.func)
        except AttributeError:
            return
        if not isinstance(target, type) or node.keywords:
            return
        from PyQt6.QtCore import QObject

        if issubclass(target, QObject) or target.__name__.startswith("QStyleOption"):
            return  # widgets and objects: no fixed-argument semantics to check
        arguments = []
        for argument in node.args:
            if isinstance(argument, ast.Constant):
                arguments.append(argument.value)
                continue
            try:
                binary = isinstance(argument, ast.BinOp)
                value = self.evaluate(argument) if binary else self.resolve(argument)
            except (AttributeError, TypeError):
                return
            if value is None:
                return
            arguments.append(value)
        try:
            target(*arguments)
        except TypeError as error:
            reason = str(error).splitlines()[0]
            shown = ", ".join(map(repr, arguments))
            self.report(node, f"{target.__name__}({shown}) fails in PyQt6: {reason}")

    def evaluate(self, node: ast.BinOp):
        left, right = self.resolve(node.left), self.resolve(node.right)
        if left is None or right is None or not isinstance(node.op, ast.BitOr):
            return None
        return left | right

    def visit_BinOp(self, node: ast.BinOp) -> None:
        if isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.FloorDiv, ast.Div)):
            for side in (node.left, node.right):
                member = self.non_int_enum(side)
                if member is not None:
                    self.report(
                        node, f"arithmetic on {type(member).__name__}.{member.name}: not a number in PyQt6"
                    )
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        operands = [node.left, *node.comparators]
        numbers = any(
            isinstance(o, ast.Constant)
            and isinstance(o.value, (int, float))
            and not isinstance(o.value, bool)
            for o in operands
        )
        if numbers:
            for operand in operands:
                member = self.non_int_enum(operand)
                if member is not None:
                    self.report(
                        node,
                        f"{type(member).__name__}.{member.name} compared with a number: never equal in PyQt6",
                    )
        self.generic_visit(node)


def gone_module(name: str, top: str) -> str:
    return f"module {name} is gone in Python 3.12 (QGIS 4); use {GONE_MODULES[top]}"


def moved_hint(name: str) -> str:
    if name in ("QAction", "QActionGroup", "QShortcut"):
        return " (Qt6 moved it to QtGui: import it from toolbelt/qtcompat.py)"
    return ""


def enum_hint(value, attribute: str) -> str:
    """Where an unscoped enum member lives in PyQt6: `Qt.AlignLeft` → Qt.AlignmentFlag.AlignLeft."""
    if not isinstance(value, type) and not hasattr(value, "__dict__"):
        return ""
    for name in dir(value):
        inner = getattr(value, name, None)
        if isinstance(inner, type) and issubclass(inner, enum.Enum) and attribute in inner.__members__:
            return f" (use {name}.{attribute})"
    return ""


def check_file(path: Path, shown: str | None = None) -> list[Problem]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    checker = Checker(Path(shown or path), tree)
    # Imports first, so names used above their (function-level) import resolve too.
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            checker.check_import(node)
    checker.visit(tree)
    return checker.problems


def module_imports(path: Path, package_root: Path) -> tuple[set[str], set[str]]:
    """(absolute modules, plugin modules) a module imports at its top level."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    absolute: set[str] = set()
    relative: set[str] = set()
    package = list(path.relative_to(package_root.parent).with_suffix("").parts)[:-1]
    for node in tree.body:
        if isinstance(node, ast.Import):
            absolute.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
                relative.add(target)
                if not node.module:
                    relative.update(f"{target}.{alias.name}" for alias in node.names)
            else:
                absolute.add(node.module or "")
    return absolute, relative


def qt_only_modules(package_root: Path) -> list[str]:
    """Modules of the package whose top-level imports need nothing but Python and Qt."""
    modules: dict[str, tuple[set[str], set[str]]] = {}
    for path in sorted(package_root.rglob("*.py")):
        parts = list(path.relative_to(package_root.parent).with_suffix("").parts)
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = module_imports(path, package_root)
    pure = {
        name
        for name, (absolute, _rel) in modules.items()
        if not any(m == p or m.startswith(p + ".") for m in absolute for p in NOT_QT_ONLY)
    }
    changed = True
    while changed:
        changed = False
        for name in list(pure):
            if any(dep in modules and dep not in pure for dep in modules[name][1]):
                pure.discard(name)
                changed = True
    return sorted(pure)


def exercise_module(name: str) -> list[Problem]:
    """Import a Qt-only module under PyQt6 and draw the widgets it defines."""
    try:
        module = importlib.import_module(name)
    except Exception as error:  # any failure to import is the finding
        return [Problem(name, 0, f"import under PyQt6 fails: {type(error).__name__}: {error}")]
    from PyQt6.QtWidgets import QDialog, QWidget

    problems = []
    for attribute in vars(module).values():
        if (
            isinstance(attribute, type)
            and issubclass(attribute, QWidget)
            and attribute.__module__ == name
            and not issubclass(attribute, QDialog)
        ):
            try:
                widget = attribute()
                widget.resize(widget.sizeHint().expandedTo(widget.minimumSizeHint()))
                widget.grab()
            except TypeError:
                continue  # needs arguments this generic check cannot make up
            except Exception as error:  # drawing failed: the finding
                problems.append(
                    Problem(
                        name,
                        0,
                        f"{attribute.__name__} fails to draw under PyQt6: {type(error).__name__}: {error}",
                    )
                )
    return problems


def check_package(package_root: Path) -> list[Problem]:
    problems: list[Problem] = []
    for path in sorted(package_root.rglob("*.py")):
        problems += check_file(path, str(path.relative_to(package_root.parent)))
    sys.path.insert(0, str(package_root.parent))
    for name in qt_only_modules(package_root):
        problems += exercise_module(name)
    return problems


QGIS_MODULES = ("qgis.core", "qgis.gui", "qgis.analysis")


def qgis_enum_problems(path: Path, shown: str) -> list[Problem]:
    """QGIS enum members used without their enum's name (`QgsDataSourceUri.SslRequire`).

    QGIS 4's PyQt6 bindings know only the scoped form
    (`QgsDataSourceUri.SslMode.SslRequire`). This runs in QGIS 3 (PyQt5),
    where both forms resolve, so a member's own enum type tells what the
    scoped form is. Chains QGIS 3.22 cannot resolve (newer API behind a
    version switch) are left alone.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    exempt = exempt_lines(tree, path)
    names: dict[str, object] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in QGIS_MODULES:
            module = importlib.import_module(node.module)
            for alias in node.names:
                if hasattr(module, alias.name):
                    names[alias.asname or alias.name] = getattr(module, alias.name)
    parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    problems = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute) or isinstance(parents.get(node), ast.Attribute):
            continue
        chain = attribute_chain(node)
        if chain is None or chain[0] not in names or node.lineno in exempt:
            continue
        value, parent, path_names = names[chain[0]], None, [chain[0]]
        try:
            for attribute in chain[1]:
                parent, value = value, getattr(value, attribute)
                path_names.append(attribute)
        except AttributeError:
            continue
        kind = type(value)
        is_enum = isinstance(value, enum.Enum) or (
            isinstance(value, int)
            and kind is not int
            and not isinstance(value, bool)
            and kind.__module__.startswith("qgis.")
        )
        # Scoped: the member is read from its own enum type (or an alias of it, as
        # QgsScaleBarSettings.SegmentSizeMode is of Qgis.ScaleBarSegmentSizeMode).
        if is_enum and not (isinstance(parent, type) and isinstance(value, parent)):
            scoped = ".".join([*path_names[:-1], kind.__name__, path_names[-1]])
            problems.append(
                Problem(
                    shown,
                    node.lineno,
                    f"{'.'.join(path_names)}: unscoped QGIS enum, gone in QGIS 4; use {scoped}",
                )
            )
    return problems


def main_qgis_enums(argv: list[str]) -> int:
    problems: list[Problem] = []
    for target in argv or ["kursk_tracker"]:
        root = Path(target).resolve()
        paths = sorted(root.rglob("*.py")) if root.is_dir() else [root]
        for path in paths:
            shown = str(path.relative_to(root.parent)) if root.is_dir() else target
            problems += qgis_enum_problems(path, shown)
    for problem in problems:
        print(problem)
    print(f"QGIS enum check: {len(problems)} problem(s)")
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["--qgis-enums"]:
        return main_qgis_enums(argv[1:])
    install_qgis_pyqt6_shim()
    from PyQt6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["qt6check"])  # noqa: F841 (widgets need it)
    problems: list[Problem] = []
    for target in argv or ["kursk_tracker"]:
        path = Path(target).resolve()
        problems += check_package(path) if path.is_dir() else check_file(path, target)
    for problem in problems:
        print(problem)
    print(f"Qt6 check: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
