"""The real program on a real X display (Xvfb, Qt's xcb platform), driven by keys as a person would.

Offscreen tests cannot see what a window needs from the system: the xcb plugin's libraries, a
window that maps, keys that reach it. `python run.py test` installs Xvfb and xdotool on Debian;
on Linux a missing tool is a failure that says what to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.gui,
    pytest.mark.slow,
    # an X server is a Linux thing; Windows and macOS draw their windows themselves
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X displays are Linux's"),
]

WIDTH, HEIGHT = 1366, 768
GRAB = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv)
image = app.primaryScreen().grabWindow(0).toImage()
sys.exit(0 if image.save(sys.argv[1]) else 1)
"""


@pytest.fixture
def display(tmp_path: Path) -> Iterator[str]:
    """A virtual screen of a common laptop's size, its number chosen by the X server."""
    missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
    if missing:  # a failure, not a skip: run.py test installs them on Debian and Ubuntu
        pytest.fail(f"{', '.join(missing)} not installed: on Debian, python run.py test does it")
    read, write = os.pipe()
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write),
            "-screen",
            "0",
            f"{WIDTH}x{HEIGHT}x24",
            "-nolisten",
            "tcp",
        ],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    assert number, "Xvfb did not start"
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


def xdotool(env: dict[str, str], *args: str, timeout: float = 30) -> str:
    done = subprocess.run(
        ["xdotool", *args], env=env, capture_output=True, text=True, timeout=timeout
    )
    return done.stdout.strip()


def windows(env: dict[str, str], pid: int) -> dict[str, tuple[int, int]]:
    """The program's mapped windows: id -> (width, height)."""
    found = {}
    for wid in xdotool(env, "search", "--onlyvisible", "--pid", str(pid)).split():
        geometry = xdotool(env, "getwindowgeometry", "--shell", wid)
        values = dict(line.split("=", 1) for line in geometry.splitlines() if "=" in line)
        if "WIDTH" in values:
            found[wid] = (int(values["WIDTH"]), int(values["HEIGHT"]))
    return found


def wait_for(what: str, probe: object, timeout: float = 90) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = probe()  # type: ignore[operator]
        if value:
            return value
        time.sleep(0.3)
    raise TimeoutError(f"waited {timeout:.0f} s for {what}")


def test_the_program_opens_its_window_on_a_real_display_and_quits_by_keys(
    display: str, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "RIC_DESK_DATA_DIR": str(data),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "HOME": str(tmp_path),
    }
    env.pop("WAYLAND_DISPLAY", None)
    url = f"sqlite:///{(tmp_path / 'first-day.sqlite3').as_posix()}"
    made = subprocess.run(
        [sys.executable, "-m", "ric_desk", "--db", url, "demo", "--clients", "30"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert made.returncode == 0, made.stderr
    program = subprocess.Popen(
        [sys.executable, "-m", "ric_desk", "--db", url],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # first the question who is working: Enter takes the first employee offered
        sign_in = wait_for("the sign-in window", lambda: windows(env, program.pid))
        assert isinstance(sign_in, dict)
        (dialog,) = sign_in

        def main_window() -> str | None:
            shown = windows(env, program.pid)
            big = [w for w, (width, _) in shown.items() if width >= 1000]
            if big:
                return big[0]
            if dialog in shown:  # a key sent before the dialog took the focus is lost: again
                xdotool(env, "windowfocus", "--sync", dialog)
                xdotool(env, "key", "Return")
                time.sleep(1.5)
            return None

        window = wait_for("the main window", main_window)
        assert isinstance(window, str)
        width, height = windows(env, program.pid)[window]
        assert width <= WIDTH and height <= HEIGHT  # the whole window is on the screen
        time.sleep(1.0)  # let it draw what the database sent
        shot = tmp_path / "real-display.png"
        grabbed = subprocess.run(
            [sys.executable, "-c", GRAB, str(shot)], env=env, capture_output=True, timeout=60
        )
        assert grabbed.returncode == 0 and shot.exists(), grabbed.stderr
        assert_drawn(shot)
        xdotool(env, "windowfocus", "--sync", window)
        xdotool(env, "key", "ctrl+q")
        code = program.wait(timeout=60)
    except TimeoutError as exc:
        program.kill()
        _, errors = program.communicate(timeout=10)
        pytest.fail(f"{exc}; the program said: {errors[-2000:]}")
    finally:
        if program.poll() is None:
            program.kill()
    _, errors = program.communicate(timeout=10)
    assert code == 0, errors
    assert "Traceback" not in errors and "Could not load the Qt platform plugin" not in errors


def assert_drawn(shot: Path) -> None:
    """The screenshot is the screen's size and shows a drawn window, not a blank screen."""
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert (image.width(), image.height()) == (WIDTH, HEIGHT)
    colours = {image.pixel(x, y) for x in range(0, WIDTH, 7) for y in range(0, HEIGHT, 7)}
    assert len(colours) > 20, "the screen is almost one colour: nothing was drawn"
