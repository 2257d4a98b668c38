"""Every broken file and archive of the corpus (tests/broken_files.py) through the command line,
on both databases: exit 1, one Russian line, no traceback, and the database as it was."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from ric_desk.cli import main
from ric_desk.db import migrate
from ric_desk.db.engine import open_engine
from ric_desk.demo.generator import generate
from ric_desk.models import Base
from tests import broken_files

pytestmark = pytest.mark.slow


def fingerprint(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            t.name: conn.scalar(select(func.count()).select_from(t)) or 0
            for t in Base.metadata.sorted_tables
        }


COMMANDS = {
    "clients": ["import", "clients"],
    "script": ["import", "script"],
    "restore": ["db", "restore", "--replace"],
}


def test_every_broken_file_is_refused_in_one_line_and_nothing_is_written(
    new_db_url: Callable[[], str], tmp_path: Path, capsys
) -> None:
    url = new_db_url()
    engine = open_engine(url)
    migrate.upgrade(engine)
    generate(engine, clients=8, seed=3)
    backup = tmp_path / "backup.zip"
    assert main(["--db", url, "db", "backup", str(backup)]) == 0
    capsys.readouterr()
    corpus = broken_files.make(tmp_path / "corpus", backup)
    before = fingerprint(engine)
    assert before["client"] == 8
    refused, slow = [], []
    for case in corpus:
        started = time.perf_counter()
        code = main(["--db", url, *COMMANDS[case.command], str(case.path)])
        seconds = time.perf_counter() - started
        _out, err = capsys.readouterr()
        lines = err.strip().splitlines()
        assert code == 1, (case.path.name, case.what, err)
        assert len(lines) == 1 and "Traceback" not in err, (case.path.name, err)
        assert lines[0].startswith("ric-desk: ") and any("а" <= c <= "я" for c in lines[0])
        assert fingerprint(engine) == before, (case.path.name, case.what)
        refused.append(case.path.name)
        if "bomb" in case.path.name and seconds > 1.0:
            slow.append((case.path.name, seconds))
    engine.dispose()
    counts = {c: sum(1 for k in corpus if k.command == c) for c in COMMANDS}
    assert counts["clients"] + counts["script"] >= 60 and counts["restore"] >= 10, counts
    assert len(refused) == len(corpus)
    assert slow == []  # a zip bomb is refused from the zip's directory, in well under a second
