"""Demo works with their contacts, used instruments and assignments, and the script paths of
the month the supervisors listen to."""

from __future__ import annotations

import json
import random
from typing import Any

from ric_desk.demo import names
from ric_desk.demo.base import CHUNK, GeneratorBase, QcCall, ReasonInfo, ScriptInfo, qc_days

NO_SKIPPED: tuple[str, ...] = ()


class WorkMaker(GeneratorBase):
    def make_works(self) -> None:
        r = self.rng.random
        work_cols = (
            "id",
            "number",
            "client_id",
            "direction_id",
            "stage_id",
            "campaign_id",
            "contact_person_id",
            "executor_id",
            "author_id",
            "planned_at",
            "state",
            "goal",
            "closing_reason_id",
            "closing_comment",
            "closed_at",
            "created_at",
            "updated_at",
        )
        contact_cols = (
            "id",
            "work_id",
            "client_id",
            "operator_id",
            "contact_person_id",
            "channel_id",
            "planned_at",
            "actual_at",
            "method",
            "incoming",
            "duration_sec",
            "successful",
            "result",
            "script_path",
        )
        works: list[tuple[Any, ...]] = []
        contacts: list[tuple[Any, ...]] = []
        used: list[tuple[int, int, int]] = []
        assignments: list[tuple[Any, ...]] = []
        planned_instruments: list[tuple[int, int, int]] = []
        productive = self.d.reasons_productive
        extra = [c for c in productive if c.stage_id is None]
        by_stage: dict[int, list[ReasonInfo]] = {}
        for reason in productive:
            if reason.stage_id is not None:
                by_stage.setdefault(reason.stage_id, []).append(reason)
        unproductive = self.d.reasons_unproductive
        instruments = self.d.instruments
        n_instr = len(instruments)
        service = self.d.directions.get("Обслуживание", next(iter(self.d.directions.values())))
        payment_direction = self.d.directions.get("Работа по оплате", service)
        stages = self.d.stages
        n_minutes = len(self.times)
        wid = 0
        coid = 0
        aid = 0
        now = self.now
        self.payment_contact: dict[int, int] = {}
        self.qc_calls: list[QcCall] = []
        days, d0, times = self.days, self._day0, self.times
        # the script paths draw from their own generator: the rest of the data stays as it was
        paths = random.Random(f"script paths {self.seed}")
        scripts = self.d.scripts

        qc_first, qc_last = qc_days(self.as_of)

        def moment(offset: int, minute: int) -> str:  # offsets here stay within the calendar
            return f"{days[offset + d0]} {times[minute]}"

        for cid in range(1, self.n + 1):
            first = self.first_person[cid]
            count = self.person_count[cid]
            responsible = self.client_responsible[cid]
            for _ in range(5 + int(r() * 11)):
                wid += 1
                pid = first + int(r() * count)
                offset = -1 - int(r() * 365) if r() < 0.95 else int(r() * 14)
                minute = int(r() * n_minutes)
                planned = moment(offset, minute)
                stage = stages[int(r() * len(stages))]
                executor = responsible if r() < 0.85 else None
                operator = executor or self.operators[int(r() * len(self.operators))]
                direction = payment_direction if r() < 0.1 else service
                if offset >= 0:
                    works.append(
                        (
                            wid,
                            9_000_000 + wid,
                            cid,
                            direction,
                            stage.id,
                            None,
                            pid,
                            executor,
                            responsible,
                            planned,
                            "planned",
                            stage.goal,
                            None,
                            None,
                            None,
                            now,
                            now,
                        )
                    )
                    if r() < 0.3:
                        aid += 1
                        assignments.append(
                            (aid, wid, self.supervisors[0], stage.goal or stage.name, now, now)
                        )
                        planned_instruments.append(
                            (aid, instruments[int(r() * n_instr)], 1 + int(r() * 2))
                        )
                    continue
                success = r() < 0.72
                attempts = 1 + (r() < 0.6)
                listened: tuple[int, int, int, int, str] | None = None
                skipped = NO_SKIPPED
                for attempt in range(attempts):
                    coid += 1
                    last = attempt == attempts - 1
                    ok = success and last
                    at_minute = min(minute + 30 * attempt, n_minutes - 1)
                    at = moment(offset, at_minute)
                    path = None
                    if ok and qc_first <= offset <= qc_last and stage.id in scripts:
                        path, skipped = _script_path(scripts[stage.id], paths)
                    contacts.append(
                        (
                            coid,
                            wid,
                            cid,
                            operator,
                            pid,
                            self.person_phone[pid],
                            at,
                            at,
                            "phone",
                            int(r() < 0.08),
                            60 + int(r() * 900) if ok else int(r() * 40),
                            int(ok),
                            names.CONTACT_RESULTS[int(r() * len(names.CONTACT_RESULTS))]
                            if ok
                            else names.UNSUCCESSFUL_RESULTS[
                                int(r() * len(names.UNSUCCESSFUL_RESULTS))
                            ],
                            path,
                        )
                    )
                    if ok:
                        if qc_first <= offset <= qc_last:  # the month supervisors listen to
                            listened = (coid, operator, stage.id, contacts[-1][10], at)
                        for _k in range(int(r() * 2.6)):
                            used.append((coid, instruments[int(r() * n_instr)], 1 + int(r() * 2)))
                if direction == payment_direction and success:
                    self.payment_contact[cid] = coid
                # a productive close names the work's stage, or an extra kind of work
                reasons = by_stage.get(stage.id, extra) if success else unproductive
                if success and r() < 0.3:
                    reasons = extra
                chosen = reasons[int(r() * len(reasons))]
                if listened is not None:
                    self.qc_calls.append(QcCall(*listened, chosen.id, skipped))
                comment = "Перезвонить позже" if chosen.needs_comment else None
                closed = moment(offset, min(minute + 30 * attempts, n_minutes - 1))
                works.append(
                    (
                        wid,
                        9_000_000 + wid,
                        cid,
                        direction,
                        stage.id,
                        None,
                        pid,
                        executor,
                        responsible,
                        planned,
                        "closed",
                        None,
                        chosen.id,
                        comment,
                        closed,
                        now,
                        now,
                    )
                )
                if r() < 0.25:
                    aid += 1
                    assignments.append(
                        (aid, wid, self.supervisors[0], stage.goal or stage.name, now, now)
                    )
                    planned_instruments.append(
                        (aid, instruments[int(r() * n_instr)], 1 + int(r() * 2))
                    )
            if len(works) >= CHUNK:
                self.flush("work", work_cols, works)
                self.flush("contact", contact_cols, contacts)
            self.advance("Работы и контакты", cid)
        self.flush("work", work_cols, works)
        self.flush("contact", contact_cols, contacts)
        used = sorted({(c, i): (c, i, n) for c, i, n in used}.values())
        self.w.write("contact_instrument", ("contact_id", "instrument_id", "used_count"), used)
        self.w.write(
            "assignment",
            ("id", "work_id", "author_id", "text", "created_at", "updated_at"),
            assignments,
        )
        self.w.write(
            "assignment_instrument",
            ("assignment_id", "instrument_id", "planned_count"),
            planned_instruments,
        )


def _script_path(script: ScriptInfo, rng: random.Random) -> tuple[str | None, tuple[str, ...]]:
    """The path an operator recorded following the stage's script, as the call session writes
    it (`ScriptView.path`), and the titles of the steps skipped. Some calls have none (the
    operator did not mark the steps); most take every step in the client's situation; some
    skip one or two steps after the greeting."""
    draw = rng.random()
    if draw < 0.1:
        return None, NO_SKIPPED
    steps = script.steps
    skip = 0 if draw < 0.68 else 1 if draw < 0.9 else 2
    skip = min(skip, len(steps) - 2)
    left_out = set(rng.sample(range(1, len(steps)), skip)) if skip > 0 else set()
    branch = script.branches[int(rng.random() * len(script.branches))] if script.branches else None
    path = {
        "script": script.name,
        "version": script.number,
        "version_id": script.version_id,
        "steps": [
            {"step": position, "title": title, "branch": branch if branched else None}
            for i, (position, title, branched) in enumerate(steps)
            if i not in left_out
        ],
    }
    skipped = tuple(steps[i][1] for i in sorted(left_out))
    return json.dumps(path, ensure_ascii=False), skipped
