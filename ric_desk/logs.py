"""The error log in the user data directory: where an unexpected error's traceback goes.

The workstation and the command line both write there; the apology the user sees names the file.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ric_desk.config import data_dir

LOG_NAME = "ric_desk-error.log"
log = logging.getLogger("ric_desk")


def error_log_path() -> Path:
    return data_dir() / LOG_NAME


def _file_handler() -> logging.FileHandler | None:
    path = error_log_path()
    for handler in log.handlers:
        if isinstance(handler, logging.FileHandler) and Path(handler.baseFilename) == path:
            return handler
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    except OSError:
        return None
    handler.setLevel(logging.ERROR)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    return handler


def log_unexpected(exc: BaseException, what: str = "unexpected error") -> Path:
    """Write `exc` with its traceback to the error log; returns the log's path."""
    handler = _file_handler()
    log.error(what, exc_info=(type(exc), exc, exc.__traceback__))
    if handler is not None:
        handler.flush()
    return error_log_path()
