"""What every benchmark shares: the machine's description, percentiles, the result file."""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

RESULTS = Path(__file__).resolve().parent / "results"


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f"{pages / 2**30:.0f} GiB"
    except (ValueError, OSError, AttributeError):
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
    }


def server_version(engine: Engine) -> str:
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            return str(conn.execute(text("SHOW server_version")).scalar())
        return f"SQLite {sqlite3.sqlite_version}"


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    ordered = sorted(samples_ms)
    q = statistics.quantiles(ordered, n=100, method="inclusive")
    return {
        "n": len(ordered),
        "p50_ms": round(q[49], 3),
        "p95_ms": round(q[94], 3),
        "max_ms": round(ordered[-1], 3),
    }


def timed(action: Callable[[], Any]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--db", required=True, help="database URL holding the reference data set")
    p.add_argument("--seed", type=int, default=1)
    return p


def save(name: str, engine: Engine, result: dict[str, Any]) -> None:
    record = {
        "benchmark": name,
        "backend": engine.dialect.name,
        "server": server_version(engine),
        "machine": machine(),
        "at": time.strftime("%Y-%m-%d %H:%M:%S"),
        **result,
    }
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{name}-{engine.dialect.name}.json"
    out.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(record, ensure_ascii=False, indent=1))


def sample_queries(engine: Engine, count: int, seed: int) -> dict[str, list[str]]:
    """Queries as operators type them, drawn from the data: real INNs, 3-8 letters from the
    longest word of real names, the last 4-7 digits of real phones."""
    import random

    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from ric_desk.models import Client, ContactChannel

    rng = random.Random(seed)
    with Session(engine) as s:
        top = s.scalar(select(func.max(Client.id))) or 0
        ids = [rng.randint(1, top) for _ in range(count)]
        inns = [s.scalar(select(Client.inn).where(Client.id == i)) or "" for i in ids]
        names = [s.scalar(select(Client.name).where(Client.id == i)) or "" for i in ids]
        phones = [
            s.scalar(
                select(ContactChannel.digits)
                .where(ContactChannel.client_id == i, ContactChannel.digits.is_not(None))
                .limit(1)
            )
            or ""
            for i in ids
        ]
    fragments = []
    for name in names:
        word = max(name.replace('"', " ").split(), key=len)
        size = min(len(word), rng.randint(3, 8))
        start = rng.randint(0, len(word) - size)
        fragments.append(word[start : start + size])
    digits = [p[-rng.randint(4, 7) :] for p in phones]
    return {"inn": inns, "name": fragments, "phone": digits}
