#!/usr/bin/env python3
"""ric_desk quick start, the same on Linux and Windows (Python 3.11+).

    python run.py          install what is needed into .venv and open ric_desk on demo data
    python run.py test     install what is needed into .venv and run the whole test suite

Arguments after the command go to ric-desk or to pytest. The virtual environment lives in
.venv beside this file; it is reinstalled only when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def ensure_installed(extra: str | None) -> Path:
    """Create .venv if needed and install the project (with `extra`) unless already done."""
    python = venv_python()
    if not python.exists():
        print("Создаю виртуальное окружение .venv ...", flush=True)
        venv.create(VENV, with_pip=True)
    target = f".[{extra}]" if extra else "."
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + target.encode()).hexdigest()
    stamp = VENV / f".installed-{extra or 'app'}"
    if stamp.exists() and stamp.read_text(encoding="utf-8") == digest:
        return python
    print(f"Устанавливаю зависимости ({target}) ...", flush=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", target],
        cwd=ROOT,
        check=True,
    )
    stamp.write_text(digest, encoding="utf-8")
    return python


# What Qt needs from a Debian/Ubuntu system to draw offscreen and in a window, and a font with
# Cyrillic letters. Installed by the test command when missing and we may (root, apt-get).
DEBIAN_PACKAGES = [
    "libegl1",
    "libgl1",
    "libopengl0",
    "libxkbcommon0",
    "libfontconfig1",
    "libdbus-1-3",
    "libglib2.0-0",
    "fonts-dejavu-core",
    # the real display (Qt's xcb platform) needs these besides: without them the window never
    # opens ("Could not load the Qt platform plugin xcb")
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-render-util0",
    "libxcb-xinerama0",
    "libxcb-xkb1",
    "libxkbcommon-x11-0",
    "libxcb-cursor0",
    "libxcb-randr0",
    "libxcb-shape0",
]
# The test command also starts the real program on a virtual X display and drives it by keys.
TEST_DEBIAN_PACKAGES = ["xvfb", "xdotool"]
# The same libraries by other names, for the message on a Linux without dpkg.
OTHER_LINUX = (
    "Fedora: sudo dnf install libxkbcommon-x11 xcb-util-wm xcb-util-image xcb-util-keysyms "
    "xcb-util-renderutil xcb-util-cursor dejavu-sans-fonts; "
    "Arch: sudo pacman -S libxkbcommon-x11 xcb-util-wm xcb-util-image xcb-util-keysyms "
    "xcb-util-renderutil xcb-util-cursor ttf-dejavu"
)


def ensure_debian_packages(extra: list[str] | None = None) -> None:
    if not sys.platform.startswith("linux"):
        return
    if not Path("/usr/bin/dpkg-query").exists():
        if not os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("DISPLAY"):
            return
        if not any(Path(d, "libxcb-cursor.so.0").exists() for d in ("/usr/lib", "/usr/lib64")):
            print(f"Qt needs the xcb libraries for its window; {OTHER_LINUX}")
        return
    missing = [
        name
        for name in DEBIAN_PACKAGES + (extra or [])
        if subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", name], capture_output=True, text=True
        ).stdout.strip()
        != "install ok installed"
    ]
    if not missing:
        return
    if os.geteuid() != 0 or not Path("/usr/bin/apt-get").exists():
        print(f"Qt needs these system packages: sudo apt-get install {' '.join(missing)}")
        return
    print(f"Installing system packages for Qt: {' '.join(missing)}", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-q"], check=True, env=env)
    subprocess.run(
        ["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing], check=True, env=env
    )


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - run.py may be started by an older Python
        print("ric_desk нужен Python 3.11 или новее.", file=sys.stderr)
        return 1
    if argv[:1] == ["test"]:
        ensure_debian_packages(TEST_DEBIAN_PACKAGES)
        python = ensure_installed("test")
        code = subprocess.run([str(python), "-m", "pytest", *argv[1:]], cwd=ROOT).returncode
        if code == 5:  # pytest found no tests: that is a failure, not a pass
            print("pytest не нашёл ни одного теста.", file=sys.stderr)
            return 1
        return code
    ensure_debian_packages()
    python = ensure_installed(None)
    args = argv if argv else ["--demo"]
    return subprocess.run([str(python), "-m", "ric_desk", *args], cwd=ROOT).returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
