"""Build the standalone ric-desk folder with PyInstaller and smoke-test it.

    python installer/build.py [--dist DIR]

The smoke test runs the built program, not the sources: it creates an SQLite database, upgrades
it (migrations and dictionaries must be in the bundle), fills it with demo data, reads it back,
exports a default call script to Word and imports it again, and renders the main window and a
client card offscreen (`ric-desk selftest`).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def build(dist: Path, work: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(HERE / "ric_desk.spec"),
        ],
        check=True,
    )
    name = "ric-desk.exe" if os.name == "nt" else "ric-desk"
    return dist / "ric-desk" / name


def smoke_test(program: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "RIC_DESK_DATA_DIR": tmp, "QT_QPA_PLATFORM": "offscreen"}
        db = f"sqlite:///{(Path(tmp) / 'smoke.sqlite3').as_posix()}"
        script = str(Path(tmp) / "script.docx")  # default scripts and python-docx's template
        for args in (
            ["db", "upgrade"],
            ["demo", "--clients", "20"],
            ["db", "current"],
            ["summary"],
            ["export", "script", "Этап 2. Знакомство", script],
            ["import", "script", script],
            ["selftest"],
        ):
            result = subprocess.run(
                [str(program), "--db", db, *args], capture_output=True, text=True, env=env
            )
            print(result.stdout, end="")
            if result.returncode != 0:
                raise SystemExit(f"smoke test failed on {args}: {result.stderr}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dist", type=Path, default=HERE.parent / "dist")
    args = parser.parse_args()
    program = build(args.dist, args.dist.parent / "build")
    smoke_test(program)
    print(f"Built and checked: {program}")


if __name__ == "__main__":
    main()
