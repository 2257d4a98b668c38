"""Demo quality control: the last month's listening sample, drawn as `checklists.sample` draws
it (drawing the same period again adds nothing), most of it scored on the stage's check-list
with realistic marks (some critical misses), a few drafts, one calibration pair and one
resolved dispute, with the reviews' history. A call whose script path skipped a step the
check-list checks has that criterion missed «по скрипту», as the review screen pre-fills it."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from ric_desk.checklists.prefill import missed_note, normalized
from ric_desk.checklists.sample import (
    Candidate,
    choose,
    month_period,
    previous_month,
    sample_key,
)
from ric_desk.checklists.scoring import Mark, Rule, SectionPart, percent_text, score_parts
from ric_desk.demo.base import ChecklistInfo, CriterionInfo, GeneratorBase
from ric_desk.models.checklists import Scale

MISS_COMMENTS = (
    "Не выполнено, см. запись",
    "Пропустил этот шаг",
    "Сделано не полностью",
    "Клиент перебил, но вернуться к вопросу было нужно",
)
REVIEW_COMMENTS = (
    None,
    None,
    "Хороший звонок",
    "Обратить внимание на выявление потребностей",
    "Темп речи быстрый",
)


def qc_period(as_of: date) -> tuple[datetime, datetime]:
    """The demo's listening period: the office's month before `as_of`'s, as the sample page
    opens it (`demo.base.qc_days` are its days)."""
    return month_period(previous_month(as_of))


def _utc_text(moment: datetime) -> str:
    return (
        moment.astimezone(ZoneInfo("UTC"))
        .replace(tzinfo=None)
        .isoformat(sep=" ", timespec="microseconds")
    )


def _by_script(checklist: ChecklistInfo, skipped: tuple[str, ...]) -> dict[int, str]:
    """The criteria (by index) a skipped script step pre-marks missed, with the screen's note
    (as `prefill.prefill_of` finds them)."""
    if not skipped:
        return {}
    titles = {normalized(t): t for t in skipped}
    notes = {}
    for i, c in enumerate(checklist.criteria):
        hit = sorted(titles[k] for k in c.steps if k in titles)
        if hit:
            notes[i] = missed_note(hit)
    return notes


def _scale(top: int) -> Scale:
    return {1: Scale.YES_NO, 2: Scale.ZERO_TWO, 5: Scale.ZERO_FIVE}[top]


class QualityMaker(GeneratorBase):
    def make_quality(self) -> None:
        settings = self.d.quality
        start, end = qc_period(self.as_of)
        key = sample_key(start, end, settings.seed)
        calls = {c.contact_id: c for c in self.qc_calls if c.duration_sec >= settings.min_seconds}
        chosen = choose(
            [
                Candidate(c.contact_id, c.operator_id, c.stage_id, c.reason_id)
                for c in calls.values()
            ],
            settings.share_percent,
            key,
        )
        r = self.rng.random
        chiefs = self.supervisors
        half = (len(self.operators) + 1) // 2
        chief_of = {
            op: chiefs[min(i // max(half, 1), len(chiefs) - 1)]
            for i, op in enumerate(self.operators)
        }
        start_text, end_text = _utc_text(start), _utc_text(end)
        picks: list[tuple[Any, ...]] = []
        reviews: list[list[Any]] = []
        scores: list[tuple[Any, ...]] = []
        events: list[tuple[Any, ...]] = []
        self._event_id = 0
        # (review id, contact id, supervisor, checklist, marks, by-script notes, published at,
        # operator)
        published: list[
            tuple[int, int, int, ChecklistInfo, list[int | None], dict[int, str], str, int]
        ] = []
        last = self.as_of - timedelta(days=1)
        missed_critical = drafted = False
        last_one = max(  # the last call with a check-list: always reviewed
            (n for n, c in enumerate(chosen, start=1) if calls[c].stage_id in self.d.checklists),
            default=0,
        )
        for n, contact_id in enumerate(chosen, start=1):
            call = calls[contact_id]
            picks.append(
                (n, contact_id, "sample", call.operator_id, call.stage_id, call.reason_id,
                 start_text, end_text, settings.seed, start_text, chiefs[0])
            )  # fmt: skip
            checklist = self.d.checklists.get(call.stage_id)
            if checklist is None or (r() < 0.2 and n != last_one):
                continue  # still to be listened to
            day = date.fromisoformat(call.at[:10])
            reviewed_on = min(day + timedelta(days=1 + int(r() * 3)), last)
            at = f"{reviewed_on.isoformat()} {self.times[int(r() * len(self.times))]}"
            supervisor = chief_of.get(call.operator_id, chiefs[0])
            marks = [self._grade(c) for c in checklist.criteria]
            notes = _by_script(checklist, call.skipped)
            for i in notes:
                marks[i] = 0  # the supervisor left the script's pre-filled miss as it was
            critical = [i for i, c in enumerate(checklist.criteria) if c.critical]
            if critical and not any(marks[i] == 0 for i in critical) and not missed_critical:
                marks[critical[0]] = 0  # at least one critical miss, however small the demo
            missed_critical = missed_critical or any(marks[i] == 0 for i in critical)
            review_id = len(reviews) + 1
            # the last days' reviews are often still drafts (and the last review is one if no
            # other is, however small the demo)
            recent = reviewed_on >= last - timedelta(days=2)
            draft = r() < (0.5 if recent else 0.02) or (n == last_one and not drafted)
            drafted = drafted or draft
            reviews.append(
                [review_id, checklist.version_id, contact_id, call.operator_id, supervisor, at,
                 REVIEW_COMMENTS[int(r() * len(REVIEW_COMMENTS))],
                 "draft" if draft else "published", "sample",
                 None if draft else at, None]
            )  # fmt: skip
            self._scores(scores, review_id, checklist, marks, notes)
            self._add_event(
                events, review_id, at, supervisor, "created", {"checklist": checklist.name}
            )
            if not draft:
                self._add_event(events, review_id, at, supervisor, "published",
                                self._total(checklist, marks))  # fmt: skip
                published.append(
                    (review_id, contact_id, supervisor, checklist, marks, notes, at,
                     call.operator_id)
                )  # fmt: skip
        calibrations: list[tuple[Any, ...]] = []
        disputes: list[tuple[Any, ...]] = []
        disputed = 0
        if len(set(chiefs)) > 1 and len(published) >= 2:
            # one calibration pair: the other supervisor scores the first such call again
            first_id, contact_id, author, checklist, marks, notes, at, operator = published[0]
            other = next(c for c in chiefs if c != author)
            second_id = len(reviews) + 1
            second = list(marks)
            flipped = [
                i for i, c in enumerate(checklist.criteria) if not c.critical and i not in notes
            ][:2]
            for i in flipped:
                second[i] = checklist.criteria[i].top if second[i] == 0 else 0
            reviews.append(
                [second_id, checklist.version_id, contact_id, operator, other, at,
                 "Калибровка", "published", "calibration", at, None]
            )  # fmt: skip
            self._scores(scores, second_id, checklist, second, notes)
            calibrations.append((1, second_id, first_id, author, at))
            self._add_event(events, first_id, at, author, "calibration_requested",
                            {"review": second_id})  # fmt: skip
            self._add_event(events, second_id, at, author, "calibration_requested",
                            {"of_review": first_id})  # fmt: skip
            self._add_event(events, second_id, at, other, "published",
                            self._total(checklist, second))  # fmt: skip
            # one dispute: an operator disputes a miss, the other supervisor changes the score
            for review_id, _contact, author, checklist, marks, notes, at, operator in published[1:]:
                missed = [i for i, g in enumerate(marks) if g == 0 and i not in notes]
                if not missed:
                    continue
                criterion = checklist.criteria[missed[0]]
                resolver = next(c for c in chiefs if c != author)
                comment = "Я это сделала в начале разговора, послушайте ещё раз"
                disputes.append(
                    (1, review_id, criterion.id, comment, operator, at, resolver, at,
                     "changed", "Прослушал повторно: выполнено")
                )  # fmt: skip
                scores[:] = [
                    (rid, cid, criterion.top, None, 0)
                    if (rid, cid) == (review_id, criterion.id)
                    else (rid, cid, g, text, by)
                    for rid, cid, g, text, by in scores
                ]
                self._add_event(events, review_id, at, operator, "disputed",
                                {"criterion": criterion.text, "comment": comment})  # fmt: skip
                self._add_event(events, review_id, at, resolver, "dispute_resolved",
                                {"criterion": criterion.text, "from": 0, "to": criterion.top,
                                 "outcome": "changed"})  # fmt: skip
                disputed = review_id
                break
        # most operators have read their reviews; the disputed one after its resolution
        for review_id, _contact, _author, _checklist, _marks, _notes, at, operator in published:
            if review_id == disputed or r() < 0.6:
                reviews[review_id - 1][10] = at
                self._add_event(events, review_id, at, operator, "acknowledged", None)
        self.w.write(
            "qc_pick",
            ("id", "contact_id", "kind", "operator_id", "stage_id", "closing_reason_id",
             "period_start", "period_end", "seed", "picked_at", "picked_by_id"),
            picks,
        )  # fmt: skip
        self.w.write(
            "checklist_review",
            ("id", "version_id", "contact_id", "operator_id", "supervisor_id", "reviewed_at",
             "comment", "state", "kind", "published_at", "acknowledged_at"),
            [tuple(row) for row in reviews],
        )  # fmt: skip
        self.w.write(
            "review_score", ("review_id", "criterion_id", "score", "comment", "by_script"), scores
        )
        self.w.write(
            "qc_calibration",
            ("id", "review_id", "of_review_id", "requested_by_id", "requested_at"),
            calibrations,
        )
        self.w.write(
            "qc_dispute",
            ("id", "review_id", "criterion_id", "comment", "raised_by_id", "raised_at",
             "resolved_by_id", "resolved_at", "outcome", "resolution"),
            disputes,
        )  # fmt: skip
        self.w.write(
            "qc_review_event", ("id", "review_id", "at", "actor_id", "action", "detail"), events
        )

    def _grade(self, c: CriterionInfo) -> int | None:
        r = self.rng.random
        if c.may_be_na and r() < 0.1:
            return None
        if c.critical:
            return 0 if r() < 0.05 else c.top
        if r() < 0.8:
            return c.top
        return int(r() * c.top)  # a miss, or part of the scale

    def _scores(
        self,
        scores: list[tuple[Any, ...]],
        review_id: int,
        checklist: ChecklistInfo,
        marks: list[int | None],
        notes: dict[int, str],
    ) -> None:
        for i, (c, grade) in enumerate(zip(checklist.criteria, marks, strict=True)):
            if i in notes:
                scores.append((review_id, c.id, 0, notes[i], 1))
                continue
            comment = None
            if grade == 0:
                comment = MISS_COMMENTS[int(self.rng.random() * len(MISS_COMMENTS))]
            scores.append((review_id, c.id, grade, comment, 0))

    @staticmethod
    def _total(checklist: ChecklistInfo, marks: list[int | None]) -> dict[str, Any]:
        parts: list[list[tuple[Rule, Mark]]] = [[] for _ in checklist.weights]
        for c, grade in zip(checklist.criteria, marks, strict=True):
            rule = Rule(c.text, c.points, _scale(c.top), c.critical, c.may_be_na, False)
            parts[c.section].append((rule, Mark(grade, "-")))
        result = score_parts(
            [SectionPart(w, p) for w, p in zip(checklist.weights, parts, strict=True)],
            checklist.pass_mark,
        )
        return {"total": percent_text(result.total), "critical_miss": result.critical_miss}

    def _add_event(
        self,
        events: list[tuple[Any, ...]],
        review_id: int,
        at: str,
        actor: int,
        action: str,
        detail: dict[str, Any] | None,
    ) -> None:
        self._event_id += 1
        text = json.dumps(detail, ensure_ascii=False) if detail is not None else None
        events.append((self._event_id, review_id, at, actor, action, text))
