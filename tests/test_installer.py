"""The standalone build: PyInstaller bundles the program with its migrations and dictionaries,
and the built program (not the sources) upgrades, fills and reads a database."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_build_and_smoke_test(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "installer" / "build.py"), "--dist", str(tmp_path / "dist")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    assert "0008 (последняя)" in result.stdout
    assert "Клиентов: 20" in result.stdout
    assert "Загружен скрипт «Этап 2. Знакомство», версия 2, этап 2" in result.stdout
    assert "главное окно, карточка клиента" in result.stdout
