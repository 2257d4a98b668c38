"""The error log in the user data directory: where an unexpected error's traceback goes.

The workstation and the command line both write there; the apology the user sees names the file.
Tracebacks go to that file only: on the command line a logged warning or error is one line on
stderr (`setup_terminal_logging`), and `log_unexpected` does not write to the terminal at all.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TextIO

from ric_desk.config import data_dir

LOG_NAME = "ric_desk-error.log"
log = logging.getLogger("ric_desk")


def error_log_path() -> Path:
    return data_dir() / LOG_NAME


class _ErrorLog(logging.FileHandler):
    """The error log file; its directory is made only when something is written."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, encoding="utf-8", delay=True)
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        self.addFilter(lambda record: record.levelno >= logging.ERROR or bool(record.exc_info))

    def _open(self) -> TextIO:  # type: ignore[override]
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()

    def handleError(self, record: logging.LogRecord) -> None:
        pass  # an unwritable log must not print a traceback of its own on the terminal


_error_log: _ErrorLog | None = None


def _file_handler() -> _ErrorLog:
    """The handler for the current data directory's error log."""
    global _error_log
    path = error_log_path()
    if _error_log is None or Path(_error_log.baseFilename) != path:
        if _error_log is not None:
            _error_log.close()
        _error_log = _ErrorLog(path)
    return _error_log


_LEVELS = {
    logging.WARNING: "предупреждение",
    logging.ERROR: "ошибка",
    logging.CRITICAL: "критическая ошибка",
}


class _Terminal(logging.Handler):
    """One line per record on the current stderr: the message and the exception's own words,
    never a traceback (that goes to the error log)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            level = _LEVELS.get(record.levelno, record.levelname)
            text = f"ric-desk: {level} ({record.name}): {record.getMessage()}"
            if record.exc_info and record.exc_info[1] is not None:
                exc = record.exc_info[1]
                text += f" ({type(exc).__name__}: {exc}; подробности в {error_log_path()})"
            print(" ".join(text.split()), file=sys.stderr)
        except Exception:
            pass  # nothing a terminal line can do about it


def setup_terminal_logging() -> None:
    """For the command line: warnings and errors of any logger as one line on stderr, and
    those with an exception (and all errors) with their traceback in the error log."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, (_Terminal, _ErrorLog)):
            root.removeHandler(handler)
    root.addHandler(_Terminal())
    root.addHandler(_file_handler())


def log_unexpected(exc: BaseException, what: str = "unexpected error") -> Path:
    """Write `exc` with its traceback to the error log only; returns the log's path."""
    handler = _file_handler()
    record = log.makeRecord(
        log.name, logging.ERROR, __file__, 0, what, (), (type(exc), exc, exc.__traceback__)
    )
    handler.handle(record)
    handler.flush()
    return error_log_path()
