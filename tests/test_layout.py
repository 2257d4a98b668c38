"""The shape of the package: Qt stays in ric_desk/ui, the entry points work."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import ric_desk

PACKAGE = Path(ric_desk.__file__).parent


def qt_importers() -> list[str]:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "ui":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] in ("PySide6", "PyQt5", "PyQt6", "shiboken6") for n in names):
                offenders.append(str(relative))
    return offenders


def test_no_qt_outside_ui() -> None:
    assert qt_importers() == []


def test_the_check_sees_a_stray_import(tmp_path: Path, monkeypatch) -> None:
    stray = PACKAGE / "_stray_qt_probe.py"
    stray.write_text("from PySide6 import QtCore\n", encoding="utf-8")
    try:
        assert qt_importers() == ["_stray_qt_probe.py"]
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
