"""The command line: commands work on both backends; bad input is one line and exit 1."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from ric_desk.cli import main
from ric_desk.config import demo_db_url


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_db_commands_and_demo(capsys, new_db_url: Callable[[], str], tmp_path: Path) -> None:
    url = new_db_url()
    code, out, err = run(capsys, "--db", url, "db", "current")
    if url.startswith("sqlite"):  # no file yet: reading does not make one
        assert code == 1 and "Файла базы данных нет" in err and "db upgrade" in err
        assert not Path(url.removeprefix("sqlite:///")).exists()
    else:
        assert code == 0 and "пустая база" in out
    code, out, _ = run(capsys, "--db", url, "db", "upgrade")
    assert code == 0 and "пустая база → 0008" in out
    code, out, _ = run(capsys, "--db", url, "db", "current")
    assert (code, out.strip()) == (0, "0008 (последняя)")
    code, out, _ = run(
        capsys, "--db", url, "demo", "--clients", "40", "--seed", "5", "--as-of", "23.11.2026"
    )
    assert code == 0 and "Клиентов: 40" in out
    code, out, err = run(capsys, "--db", url, "demo", "--clients", "40")
    assert code == 1 and "уже есть клиенты" in err and "Traceback" not in err
    code, out, _ = run(capsys, "--db", url, "summary")
    assert code == 0 and "Клиентов: 40" in out

    archive = tmp_path / "backup.zip"
    code, out, _ = run(capsys, "--db", url, "db", "backup", str(archive))
    assert code == 0 and archive.exists()
    target = f"sqlite:///{(tmp_path / 'restored.sqlite3').as_posix()}"
    code, out, _ = run(capsys, "--db", target, "db", "restore", str(archive))
    assert code == 0, out
    code, out, _ = run(capsys, "--db", target, "summary")
    assert "Клиентов: 40" in out


def test_demo_without_db_goes_to_the_separate_demo_file(capsys, private_data_dir: Path) -> None:
    code, out, _ = run(capsys, "demo", "--clients", "15")
    assert code == 0 and "Клиентов: 15" in out
    assert Path(demo_db_url().removeprefix("sqlite:///")).exists()
    assert not (private_data_dir / "ric_desk.sqlite3").exists()
    code, out, _ = run(capsys, "--demo", "summary")  # the filled demo database, not refilled
    assert code == 0 and "Клиентов: 15" in out
    code, out, _ = run(capsys, "demo", "--clients", "10", "--reset")
    assert code == 0 and "Клиентов: 10" in out


@pytest.mark.parametrize(
    "args",
    [
        ["--demo", "summary"],
        ["--demo", "db", "current"],
        ["--demo", "db", "backup", "copy.zip"],
        ["--demo", "calling", "show"],
        ["--demo", "priz", "refresh"],
        ["--demo", "export", "script", "Этап 2. Знакомство", "script.docx"],
    ],
)
def test_reading_the_demo_database_before_it_is_made(
    capsys, private_data_dir: Path, args: list[str]
) -> None:
    """Says how the demo database is made, and makes nothing: no file, no folder."""
    code, _out, err = run(capsys, *args)
    assert code == 1
    assert "Демонстрационной базы ещё нет" in err and "«ric-desk demo»" in err
    assert "db upgrade" not in err and len(err.strip().splitlines()) == 1
    assert not private_data_dir.exists()


def test_reading_the_default_database_before_it_is_made(capsys, private_data_dir: Path) -> None:
    code, _out, err = run(capsys, "summary")
    assert code == 1 and "Базы данных ещё нет" in err and "«ric-desk db upgrade»" in err
    assert not private_data_dir.exists()


def test_an_empty_demo_file_is_told_how_to_fill(capsys, private_data_dir: Path) -> None:
    """An empty file (older versions left one behind) is not sent to `db upgrade` of another
    database: `ric-desk demo` fills it, then it reads."""
    private_data_dir.mkdir()
    Path(demo_db_url().removeprefix("sqlite:///")).touch()
    code, _out, err = run(capsys, "--demo", "summary")
    assert code == 1 and "Демонстрационная база пуста" in err and "«ric-desk demo»" in err
    assert run(capsys, "demo", "--clients", "3")[0] == 0
    code, out, _ = run(capsys, "--demo", "summary")
    assert code == 0 and "Клиентов: 3" in out


@pytest.fixture
def opened(monkeypatch) -> list[dict[str, object]]:
    """Replaces the window: records what `ric-desk` would open it on."""
    calls: list[dict[str, object]] = []

    def fake_run(store, *, demo_clients=None) -> int:
        from ric_desk.db import migrate

        calls.append(
            {
                "db": store.description,
                "demo_clients": demo_clients,
                "revision": migrate.current_revision(store.engine),
            }
        )
        return 0

    monkeypatch.setattr("ric_desk.ui.app.run", fake_run)
    return calls


def test_plain_start_opens_the_upgraded_default_database(
    capsys, private_data_dir: Path, opened
) -> None:
    from ric_desk.db.migrate import head_revision

    code, _out, _ = run(capsys)
    assert code == 0
    assert (private_data_dir / "ric_desk.sqlite3").exists()
    assert opened == [
        {
            "db": f"sqlite:///{(private_data_dir / 'ric_desk.sqlite3').as_posix()}",
            "demo_clients": None,
            "revision": head_revision(),
        }
    ]


def test_without_a_screen_the_window_is_refused_plainly(capsys, monkeypatch) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    code, _out, err = run(capsys)
    assert code == 1 and "Нет графического экрана" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "args, message",
    [
        (["--db", "mysql://u@h/db", "db", "current"], "не поддерживается"),
        (["--db", "::::", "db", "current"], "Не удалось разобрать"),
        (
            ["--db", "postgresql+psycopg://postgres@127.0.0.1:1/x", "db", "current"],
            "Не удалось подключиться",
        ),
        (["frobnicate"], "недопустимое значение 'frobnicate'"),
        (["db"], "нужно указать: ДЕЙСТВИЕ"),
        (["demo", "--as-of", "31.02.2020"], "не распознана"),
        (["demo", "--clients", "-3"], "больше нуля"),
        (["db", "restore", "/nonexistent/backup.zip"], "не найден"),
        (["db", "password"], "только для PostgreSQL"),
        (["--demo", "--db", "sqlite:///x.sqlite3"], "не указывайте вместе"),
        (["priz", "assign", "T", "--client", "9" * 30], "слишком велико"),
        (["priz", "assign", "T", "--client", "\u0663"], "не целое число"),  # an Arabic 3
        (["priz", "assign", "T", "--client", "1_000"], "не целое число"),
        (["works", "plan", "--stage", "99999999999", "--all-matching"], "слишком велико"),
        (["demo", "--clients", "x" * 5000], "не целое число"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(capsys, args: list[str], message: str) -> None:
    code, _out, err = run(capsys, *args)
    assert code == 1
    assert message in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


ARGPARSE_ENGLISH = re.compile(
    r"usage|positional|options|show this|show program|required|invalid|unrecognized|expected"
    r"|argument|error|not allowed|choose from",
    re.IGNORECASE,
)


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["db", "backup", "--help"],
        ["priz", "assign", "--help"],
        ["report", "contacts", "--help"],
    ],
)
def test_help_is_in_russian(capsys, args: list[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(args)
    out = capsys.readouterr().out
    assert exited.value.code == 0
    assert "использование: ric-desk" in out and "показать эту справку и выйти" in out
    assert ARGPARSE_ENGLISH.findall(out) == []
    assert argparse._("usage: ") == "usage: "  # other parsers in the process keep their words


@pytest.mark.parametrize(
    "args, message",
    [
        (["db", "backup"], "нужно указать: ФАЙЛ (см. «ric-desk db backup --help»)"),
        (["summary", "--xx"], "непонятные аргументы: --xx"),
        (["demo", "--clients"], "--clients: нужно значение"),
        (["demo", "--seed", "q"], "--seed: недопустимое значение 'q'"),
        (["calling", "day", "01.01.2026", "bad"], "можно: 'working', 'off'"),
        (["priz", "assign", "Т"], "нужно указать один из параметров: --client --all-matching"),
        (["priz", "assign", "Т", "--client", "1", "--all-matching"], "нельзя указывать вместе"),
    ],
)
def test_command_line_mistakes_are_told_in_russian(capsys, args: list[str], message: str) -> None:
    code, _out, err = run(capsys, *args)
    assert code == 1 and message in err
    assert ARGPARSE_ENGLISH.findall(err) == [] and len(err.strip().splitlines()) == 1


def test_real_entry_point_exit_code_and_no_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ric_desk", "--db", "oracle://x/y", "db", "current"],
        capture_output=True,
        text=True,
        check=False,
        env={"RIC_DESK_DATA_DIR": str(tmp_path), "PATH": ""},
    )
    assert result.returncode == 1
    assert result.stderr.startswith("ric-desk: ") and "Traceback" not in result.stderr


def test_demo_flag_never_touches_the_configured_database(
    capsys, monkeypatch, tmp_path, opened
) -> None:
    real = tmp_path / "real.sqlite3"
    monkeypatch.setenv("RIC_DESK_DB", f"sqlite:///{real.as_posix()}")
    assert run(capsys, "--demo")[0] == 0
    assert "ric_desk-demo.sqlite3" in str(opened[-1]["db"]) and opened[-1]["demo_clients"] == 2000
    assert not real.exists()
    assert run(capsys)[0] == 0
    assert str(opened[-1]["db"]).endswith("real.sqlite3") and opened[-1]["demo_clients"] is None


def test_a_bug_is_logged_with_its_traceback_and_exits_2(
    capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ric_desk.cli as cli
    from ric_desk.logs import error_log_path

    def broken(_argv: object) -> int:
        raise KeyError("raised on purpose")

    monkeypatch.setattr(cli, "run", broken)
    assert cli.main(["summary"]) == 2
    err = capsys.readouterr().err
    assert str(error_log_path()) in err and "Traceback" not in err
    log = error_log_path().read_text(encoding="utf-8")
    assert "KeyError: 'raised on purpose'" in log and "Traceback" in log


def _ric_desk_process(command_body: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Runs `ric_desk.cli.main` in a fresh interpreter, as the `ric-desk` script does, with the
    command replaced by `command_body` (the body of a `run(argv)` function)."""
    body = "\n".join(f"    {line}" for line in command_body.strip().splitlines())
    script = (
        "import logging, sys\n"
        "import ric_desk.cli as cli\n"
        f"def run(argv):\n{body}\n"
        "cli.run = run\n"
        f"sys.exit(cli.main({list(args)!r}))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, encoding="utf-8"
    )


def test_a_bug_in_a_real_process_is_one_line_on_stderr_and_its_traceback_in_the_log() -> None:
    from ric_desk.logs import error_log_path

    done = _ric_desk_process("raise KeyError('raised on purpose')", "summary")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("ric-desk: внутренняя ошибка программы")
    assert str(error_log_path()) in lines[0] and "Traceback" not in done.stderr
    log = error_log_path().read_text(encoding="utf-8")
    assert "Traceback" in log and "KeyError: 'raised on purpose'" in log


def test_logged_exceptions_are_one_line_on_stderr_and_their_tracebacks_in_the_log() -> None:
    from ric_desk.logs import error_log_path

    done = _ric_desk_process(
        """
try:
    raise ValueError('pool reset failed')
except ValueError:
    logging.getLogger('sqlalchemy.pool').warning('Exception during reset', exc_info=True)
    logging.getLogger('ric_desk').error('a second\\nline', exc_info=True)
logging.getLogger('ric_desk').info('not for the terminal')
return 0
""",
        "summary",
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        "ric-desk: предупреждение (sqlalchemy.pool): Exception during reset "
        f"(ValueError: pool reset failed; подробности в {error_log_path()})",
        "ric-desk: ошибка (ric_desk): a second line "
        f"(ValueError: pool reset failed; подробности в {error_log_path()})",
    ]
    log = error_log_path().read_text(encoding="utf-8")
    assert log.count("Traceback") == 2 and log.count("ValueError: pool reset failed") == 2
    assert "not for the terminal" not in log
