"""The shape of the package: Qt stays in ric_desk/ui, the entry points work."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import ric_desk

PACKAGE = Path(ric_desk.__file__).parent


def importers(inside_ui: bool, forbidden: tuple[str, ...]) -> list[str]:
    """Modules (inside or outside ric_desk/ui) that import any of the `forbidden` modules."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if (relative.parts[0] == "ui") != inside_ui:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == f or n.startswith(f + ".") for n in names for f in forbidden):
                offenders.append(relative.as_posix())
                break
    return offenders


def qt_importers() -> list[str]:
    return importers(False, ("PySide6", "PyQt5", "PyQt6", "shiboken6"))


def session_openers() -> list[str]:
    """Screens (all of ui/ but the worker itself) that open a session or reach for the engine."""
    offenders = []
    for path in sorted((PACKAGE / "ui").rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative == "ui/operations.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(
            isinstance(node, ast.Attribute) and node.attr in ("session", "engine")
            for node in ast.walk(tree)
        ):
            offenders.append(relative)
    return offenders


def database_importers() -> list[str]:
    """Screens run operations and queries through the UI's database worker, never SQLAlchemy."""
    return sorted(set(importers(True, ("sqlalchemy", "ric_desk.models")) + session_openers()))


def test_no_qt_outside_ui() -> None:
    assert qt_importers() == []


def test_the_check_sees_a_stray_import(tmp_path: Path, monkeypatch) -> None:
    stray = PACKAGE / "_stray_qt_probe.py"
    stray.write_text("from PySide6 import QtCore\n", encoding="utf-8")
    try:
        assert qt_importers() == ["_stray_qt_probe.py"]
    finally:
        stray.unlink()


def test_screens_do_not_touch_the_database() -> None:
    assert database_importers() == []


def test_the_database_check_sees_a_stray_import() -> None:
    stray = PACKAGE / "ui" / "_stray_db_probe.py"
    stray.write_text("from ric_desk.models import Client\n", encoding="utf-8")
    try:
        assert "ui/_stray_db_probe.py" in database_importers()
    finally:
        stray.unlink()


def test_package_folders_exist() -> None:
    for folder in (
        "models",
        "ui",
        "scripts",
        "checklists",
        "db",
        "demo",
        "resources",
        "clients",
        "calls",
        "priz",
        "functional_map",
        "cli",
        "ui/clients",
        "ui/session",
    ):
        assert (PACKAGE / folder / "__init__.py").is_file(), folder


def test_python_dash_m_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ric_desk", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"ric-desk {ric_desk.__version__}"
