"""The contact report over a year of the reference data set (DESIGN.md §8), on each database given,
printed and written into BENCHMARKS.md side by side.

python -m bench.bench_report --db sqlite:///ref.sqlite3 --db postgresql+psycopg://postgres@127.0.0.1/ric_bench

(a) a first build of operator × reason with all measures from a warm fact cache (read from disk,
    as at a program's start) after one day's new contacts were written;
(b) a cold build (no cache);
(c) re-pivots of the loaded facts: stage × month, only the first level shown (the second
    collapsed), a direction filter; without distinct measures and with them;
(d) the naive way: the joined rows read into pandas and `pivot_table` with distinct counts;
(e) DuckDB's GROUP BY ROLLUP over the same frame as (c).
Also: the cache's size on disk and the process's RSS with the year loaded and Qt's widgets
imported (as the workstation has them).

Each step runs 3 times; the median is reported. The day's contacts are added to the data set
(they stay: each run adds another day's worth to the works of that day).
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select

from bench.common import machine, save, server_version
from ric_desk.actor import Actor, Role
from ric_desk.db import migrate
from ric_desk.db.engine import open_engine
from ric_desk.models.works import Contact, Work
from ric_desk.reports import service
from ric_desk.reports.cache import FactCache
from ric_desk.reports.loaded import Facts
from ric_desk.reports.names import MEASURES
from ric_desk.reports.pivot import build
from ric_desk.reports.spec import Filters, Period, ReportSpec
from ric_desk.store import Store

if TYPE_CHECKING:  # the --rss child must not load pandas: the workstation does not
    import pandas as pd

AS_OF = date(2026, 11, 23)  # the reference data set's day (bench/generate.py)
YEAR = Period(AS_OF - timedelta(days=364), AS_OF)
DIRECTOR = Actor(0, "", Role.DIRECTOR)
# the thirteen measures; the quality ones (read from the reviews when asked) apart
CONTACT_MEASURES = tuple(m for m in MEASURES if not m.startswith("qc_"))
QC_MEASURES = tuple(m for m in MEASURES if m.startswith("qc_"))
SPEC = ReportSpec(rows=("operator", "reason"), measures=CONTACT_MEASURES)
PLAIN = ("contacts", "successful", "successful_share", "duration", "avg_duration")
DISTINCT = ("works", "clients", "assignments")
RUNS = 3
BENCHMARKS = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"
BEGIN, END = "<!-- bench_report: begin -->", "<!-- bench_report: end -->"


def median_ms(action: Callable[[], Any], runs: int = RUNS) -> tuple[float, Any]:
    samples, result = [], None
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        result = action()
        samples.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(samples), 1), result


def calibration() -> float:
    started = time.perf_counter()
    x = 0.0
    for i in range(10_000_000):
        x += i * 0.5
    return round(time.perf_counter() - started, 2)


def rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def add_days_contacts(store: Store, seed: int) -> int:
    """About a day of the year's contacts, on works of the last days, dated today."""
    rng = random.Random(seed)
    with store.session() as s:
        per_day = (s.scalar(select(func.count(Contact.id))) or 0) // (3 * 365)
        works = s.execute(
            select(Work.id, Work.client_id, Work.executor_id).order_by(Work.id.desc()).limit(5000)
        ).all()
        moment = datetime.combine(AS_OF, datetime.min.time(), tzinfo=UTC) + timedelta(hours=9)
        rows = []
        for _ in range(per_day):
            work_id, client_id, executor = rng.choice(works)
            rows.append(
                {
                    "work_id": work_id,
                    "client_id": client_id,
                    "operator_id": executor,
                    "planned_at": moment,
                    "actual_at": moment + timedelta(seconds=rng.randint(0, 8 * 3600)),
                    "successful": rng.random() < 0.45,
                    "duration_sec": rng.randint(10, 600),
                }
            )
        s.execute(insert(Contact), rows)
    return per_day


def naive(store: Store) -> pd.DataFrame:
    """(d): the joined rows read into pandas, then `pivot_table` with its margins."""
    import pandas as pd

    from ric_desk.models.works import ContactInstrument

    start = datetime.combine(YEAR.start, datetime.min.time(), tzinfo=UTC)
    end = datetime.combine(YEAR.end + timedelta(days=1), datetime.min.time(), tzinfo=UTC)
    used = (
        select(ContactInstrument.contact_id, func.sum(ContactInstrument.used_count).label("used"))
        .group_by(ContactInstrument.contact_id)
        .subquery()
    )
    query = (
        select(
            Contact.id,
            Contact.operator_id,
            Work.closing_reason_id,
            Contact.work_id,
            Contact.client_id,
            Contact.successful,
            Contact.duration_sec,
            func.coalesce(used.c.used, 0).label("used"),
        )
        .join(Work, Work.id == Contact.work_id)
        .outerjoin(used, used.c.contact_id == Contact.id)
        .where(Contact.actual_at >= start, Contact.actual_at < end)
    )
    with store.session(read_only=True) as s:
        rows = pd.DataFrame(s.connection().execute(query).all())
    rows = rows.fillna({"operator_id": -1, "closing_reason_id": -1})
    return rows.pivot_table(
        index=["operator_id", "closing_reason_id"],
        values=["work_id", "client_id", "id", "successful", "duration_sec", "used"],
        aggfunc={
            "work_id": "nunique",
            "client_id": "nunique",
            "id": "count",
            "successful": "sum",
            "duration_sec": "sum",
            "used": "sum",
        },
        margins=True,
    )


def duckdb_rollup(frame: pd.DataFrame, distinct: bool) -> Any:
    import duckdb

    measures = "count(*), sum(successful), sum(duration_sec)"
    if distinct:
        measures += ", count(DISTINCT work_id), count(DISTINCT client_id)"
    con = duckdb.connect()
    con.register("facts", frame)
    result = con.execute(
        f"SELECT stage_id, month, {measures} FROM facts WHERE direction_id = 1 "
        "GROUP BY ROLLUP (stage_id, month)"
    ).fetchall()
    con.close()
    return result


def repivot(facts: Facts, measures: tuple[str, ...]) -> int:
    spec = ReportSpec(
        rows=("stage", "month"), measures=measures, filters=Filters(direction_ids=frozenset({1}))
    )
    report = build(facts, spec)
    return len(list(report.walk(depth=1)))  # the month level collapsed: not computed


def run(url: str) -> dict[str, Any]:
    engine = open_engine(url)
    store = Store(engine, engine.url)
    backend = engine.dialect.name
    print(f"[{backend}] calibrating", file=sys.stderr)
    result: dict[str, Any] = {"backend": backend, "server": server_version(engine)}
    result["calibration_before_s"] = calibration()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        # (b) cold, three times into new caches (the last one stays for (a))
        print(f"[{backend}] (b) cold", file=sys.stderr)

        def cold() -> Facts:
            cache = FactCache(root, url, f"cold{time.perf_counter_ns()}")
            facts = service.load(store, DIRECTOR, YEAR, SPEC, cache=cache)
            list(build(facts, SPEC).walk())
            return facts

        result["b_cold_ms"], facts = median_ms(cold)
        cache = FactCache(root, url, "reader")
        service.load(store, DIRECTOR, YEAR, SPEC, cache=cache)
        result["contacts_in_year"] = len(facts)
        result["cache_mb"] = round(cache.size_on_disk() / 2**20, 1)
        # (a) a warm cache from disk after a day's new contacts
        print(f"[{backend}] (a) warm", file=sys.stderr)
        samples = []
        for i in range(RUNS):
            result["day_contacts"] = add_days_contacts(store, i)
            gc.collect()
            started = time.perf_counter()
            warm = FactCache(root, url, "reader")  # as a new program start: reads the disk
            facts = service.load(store, DIRECTOR, YEAR, SPEC, cache=warm)
            groups = list(build(facts, SPEC).walk())
            samples.append((time.perf_counter() - started) * 1000)
            assert warm.stats.read_disk and not warm.stats.cold and warm.stats.dirty_works
        result["a_warm_ms"] = round(statistics.median(samples), 1)
        result["a_groups"] = len(groups)
        result["a_in_memory_ms"], _ = median_ms(
            lambda: list(build(service.load(store, DIRECTOR, YEAR, SPEC, cache=warm), SPEC).walk())
        )
        with_qc = SPEC.with_(measures=CONTACT_MEASURES + QC_MEASURES)
        result["a_qc_ms"], _ = median_ms(
            lambda: list(
                build(service.load(store, DIRECTOR, YEAR, with_qc, cache=warm), with_qc).walk()
            )
        )
        result["cache_mb_after"] = round(warm.size_on_disk() / 2**20, 1)
        # (c) re-pivots of the loaded frame
        print(f"[{backend}] (c) re-pivot", file=sys.stderr)
        result["c_plain_ms"], _ = median_ms(lambda: repivot(facts, PLAIN))
        result["c_distinct_ms"], _ = median_ms(lambda: repivot(facts, PLAIN + DISTINCT))
        result["c_all_levels_ms"], _ = median_ms(
            lambda: len(list(build(facts, SPEC.with_(rows=("stage", "month"))).walk()))
        )
        # (e) DuckDB over the same frame
        import pandas as pd

        frame = pd.DataFrame({c: facts.frame[c] for c in facts.frame.columns})
        frame["month"] = frame["day"].to_numpy().astype("datetime64[D]").astype("datetime64[M]")
        print(f"[{backend}] (e) duckdb", file=sys.stderr)
        duckdb_rollup(frame, False)  # load the extension once
        result["e_duckdb_plain_ms"], _ = median_ms(lambda: duckdb_rollup(frame, False))
        result["e_duckdb_distinct_ms"], _ = median_ms(lambda: duckdb_rollup(frame, True))
        # (d) the naive way
        print(f"[{backend}] (d) naive", file=sys.stderr)
        result["d_naive_ms"], _ = median_ms(lambda: naive(store), runs=1)
        # memory: a new process holding the year (from this cache) with Qt's widgets
        child = subprocess.run(
            [sys.executable, "-m", "bench.bench_report", "--rss", url, str(root)],
            capture_output=True,
            text=True,
            check=True,
        )
        result["rss_mb_year_loaded"] = float(child.stdout.strip().splitlines()[-1])
    result["calibration_after_s"] = calibration()
    result["ratio_a_vs_d"] = round(result["d_naive_ms"] / result["a_warm_ms"], 1)
    result["ratio_c_vs_d"] = round(result["d_naive_ms"] / result["c_distinct_ms"], 1)
    save("report", engine, result)
    return result


TABLE = """\
{begin}
Measured {at} on the machine above ({cpu}, {cores} cores); one year, operator × reason with all
thirteen measures unless said. Medians of 3 runs; calibration (10 M multiply-adds) before/after.

| step | {heads} | budget |
|---|{bars}---|
| contacts in the year | {contacts} | |
| (a) first build, warm cache from disk + one day's new contacts ({day} contacts) | {a} | ≤ 1 s |
| (a') the same again in the same program (cache in memory) | {a2} | |
| (a'') as (a'), with the four quality measures too (reviews read and scored) | {aqc} | |
| (b) cold build: read the year, build, write the cache | {b} | ≤ 5 s |
| (c) re-pivot stage × month, month collapsed, a filter; no distinct measures | {c1} | ≤ 100 ms |
| (c) the same with distinct works, clients, assignments | {c2} | ≤ (e) |
| (c) stage × month, every level open, all measures | {c3} | |
| (d) naive: rows into pandas + `pivot_table` | {d} | (a), (c) ≥ 10× faster |
| (e) DuckDB `GROUP BY ROLLUP` over the frame, plain / distinct | {e} | |
| ratio (d)/(a); (d)/(c distinct) | {ratios} | ≥ 10 |
| cache on disk (after the days added) | {cache} | |
| process RSS with the year loaded and Qt's widgets | {rss} | ≤ 250 MB |
| calibration before / after | {cal} | |
{end}"""


def rss_child(url: str, root: str) -> None:
    """The resident memory of a process like the workstation holding the year: Qt's widgets
    and the program's screens' modules, alembic's schema check, the facts loaded from the warm
    cache, the report built. pandas must not be among its modules (`ric_desk.reports.table`)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    import ric_desk.ui.main_window  # the program's screens, as the workstation has them

    assert ric_desk.ui.main_window.MainWindow is not None
    engine = open_engine(url)
    migrate.require_current(engine)  # the program checks the schema at start, with alembic
    store = Store(engine, engine.url)
    facts = service.load(store, DIRECTOR, YEAR, SPEC, cache=FactCache(Path(root), url, "reader"))
    report = build(facts, SPEC)
    assert list(report.walk()) and app is not None
    assert "pandas" not in sys.modules, "the workstation's report must not load pandas"
    gc.collect()
    print(rss_mb())


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--rss":
        rss_child(sys.argv[2], sys.argv[3])
        return
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--db", action="append", required=True, help="a database URL (repeatable)")
    p.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md")
    args = p.parse_args()
    results = [run(url) for url in args.db]
    table = render(results)
    print(table)
    if not args.no_write:
        text = BENCHMARKS.read_text(encoding="utf-8")
        if "TABLE_PLACEHOLDER" in text:
            text = text.replace("TABLE_PLACEHOLDER", table)
        elif BEGIN in text:
            text = re.sub(
                re.escape(BEGIN) + ".*?" + re.escape(END), lambda _m: table, text, flags=re.S
            )
        else:
            text += "\n## Contact report (`python -m bench.bench_report --db URL --db URL`)\n\n"
            text += table + "\n"
        BENCHMARKS.write_text(text, encoding="utf-8")


def render(results: list[dict[str, Any]]) -> str:
    def cells(fmt: Callable[[dict[str, Any]], str]) -> str:
        return " | ".join(fmt(r) for r in results)

    info = machine()
    return TABLE.format(
        begin=BEGIN,
        end=END,
        at=time.strftime("%Y-%m-%d"),
        cpu=info["cpu"],
        cores=info["cores"],
        heads=" | ".join(r["server"] for r in results),
        bars="---|" * len(results),
        contacts=cells(lambda r: f"{r['contacts_in_year']:,}"),
        day=", ".join(str(r["day_contacts"]) for r in results),
        a=cells(lambda r: f"**{r['a_warm_ms']:.0f} ms**"),
        a2=cells(lambda r: f"{r['a_in_memory_ms']:.0f} ms"),
        aqc=cells(lambda r: f"{r['a_qc_ms']:.0f} ms"),
        b=cells(lambda r: f"**{r['b_cold_ms']:.0f} ms**"),
        c1=cells(lambda r: f"**{r['c_plain_ms']:.0f} ms**"),
        c2=cells(lambda r: f"**{r['c_distinct_ms']:.0f} ms**"),
        c3=cells(lambda r: f"{r['c_all_levels_ms']:.0f} ms"),
        d=cells(lambda r: f"{r['d_naive_ms']:.0f} ms"),
        e=cells(lambda r: f"{r['e_duckdb_plain_ms']:.0f} / {r['e_duckdb_distinct_ms']:.0f} ms"),
        ratios=cells(lambda r: f"{r['ratio_a_vs_d']}× ; {r['ratio_c_vs_d']}×"),
        cache=cells(lambda r: f"{r['cache_mb']} MB ({r['cache_mb_after']} MB)"),
        rss=cells(lambda r: f"{r['rss_mb_year_loaded']:.0f} MB"),
        cal=cells(lambda r: f"{r['calibration_before_s']} / {r['calibration_after_s']} s"),
    )


if __name__ == "__main__":
    main()
