"""What the review screen says: the call's facts and the script path (as rich text), each
criterion's mark, the live total, the review's state; and how it plays the call's recording."""

from __future__ import annotations

import html
import importlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from ric_desk.checklists.live import LiveTotal
from ric_desk.checklists.review_views import (
    BY_SCRIPT,
    CallFacts,
    CriterionView,
    Given,
    ReviewScreen,
)
from ric_desk.checklists.scoring import percent_text
from ric_desk.checklists.vocabulary import ReviewState, Scale
from ric_desk.errors import UserError
from ric_desk.ui.messages import show_error
from ric_desk.ui.quality.sample_page import duration_text


def heading_text(call: CallFacts) -> str:
    when = call.at.astimezone().strftime("%d.%m.%Y %H:%M") if call.at else ""
    return QCoreApplication.translate(
        "ReviewPage", "{client}\ncall No. {number} of {when}, operator {operator}"
    ).format(client=call.client, number=call.contact_id, when=when, operator=call.operator)


def facts_html(screen: ReviewScreen) -> str:
    """The call's facts, goal answers, ПРИЗ items, instruments, the script path with the steps
    skipped in red, and the recording's place; the client's name links to the card."""
    call = screen.call
    when = call.at.astimezone().strftime("%d.%m.%Y %H:%M") if call.at else ""
    e = html.escape
    rows = [
        (
            QCoreApplication.translate("ReviewPage", "Client"),
            f'<a href="client:{call.client_id}">{e(call.client)}</a>',
        ),
        (QCoreApplication.translate("ReviewPage", "Contact person"), e(call.person)),
        (QCoreApplication.translate("ReviewPage", "Operator"), e(call.operator)),
        (QCoreApplication.translate("ReviewPage", "Date"), e(when)),
        (QCoreApplication.translate("ReviewPage", "Duration"), e(duration_text(call.duration_sec))),
        (QCoreApplication.translate("ReviewPage", "Work No."), e(str(call.work_number))),
        (QCoreApplication.translate("ReviewPage", "Stage"), e(call.stage)),
        (QCoreApplication.translate("ReviewPage", "Closing reason"), e(call.closing_reason)),
        (QCoreApplication.translate("ReviewPage", "Result"), e(call.result).replace("\n", "<br>")),
    ]
    parts = ["<table cellspacing='2'>"]
    for label, value in rows:
        parts.append(f"<tr><td><b>{e(label)}:</b></td><td>{value}</td></tr>")
    parts.append("</table>")

    def heading(text: str) -> str:
        return f"<p><b>{e(text)}</b></p>"

    if call.goal_answers:
        parts.append(heading(QCoreApplication.translate("ReviewPage", "Goal answers")) + "<ul>")
        for answer in call.goal_answers:
            question, given = answer.get("question", ""), answer.get("answer", "")
            parts.append(f"<li>{e(question)} — <i>{e(given)}</i></li>")
        parts.append("</ul>")
    if call.priz:
        parts.append(
            heading(QCoreApplication.translate("ReviewPage", "ПРИЗ items marked")) + "<ul>"
        )
        parts.extend(f"<li>{e(item)}</li>" for item in call.priz)
        parts.append("</ul>")
    if call.instruments:
        parts.append(heading(QCoreApplication.translate("ReviewPage", "Instruments")) + "<ul>")
        parts.extend(f"<li>{e(name)}: {count}</li>" for name, count in call.instruments)
        parts.append("</ul>")
    path = screen.path
    parts.append(heading(QCoreApplication.translate("ReviewPage", "Script path")))
    if path is None:
        none = QCoreApplication.translate("ReviewPage", "The contact has no recorded script path.")
        parts.append(f"<p>{e(none)}</p>")
    else:
        script = (
            QCoreApplication.translate("ReviewPage", "{script}, version {version}")
            if path.version
            else "{script}"
        )
        parts.append(f"<p>{e(script.format(script=path.script, version=path.version))}</p><ul>")
        skipped = QCoreApplication.translate("ReviewPage", "skipped")
        for step in path.steps:
            branch = f" → {e(step.branch)}" if step.branch else ""
            parts.append(f"<li>✔ {step.step}. {e(step.title)}{branch}</li>")
        for step in path.skipped:
            parts.append(
                f"<li style='color:#aa1e1e'>✘ {step.step}. {e(step.title)} — {e(skipped)}</li>"
            )
        parts.append("</ul>")
    if call.recording:
        parts.append(
            heading(QCoreApplication.translate("ReviewPage", "Recording"))
            + f"<p>{e(call.recording)}</p>"
        )
    return "".join(parts)


def criterion_text(c: CriterionView) -> str:
    if not c.critical:
        return c.text
    # the mark leads: a long criterion's end is cut off by the column ("…")
    return QCoreApplication.translate("ReviewPage", "[critical]") + " " + c.text


def mark_text(c: CriterionView, given: Given | None) -> str:
    if given is None:
        return "—"
    if given.grade is None:
        text = QCoreApplication.translate("ReviewPage", "not applicable")
    elif Scale(c.scale) is Scale.YES_NO:
        text = (
            QCoreApplication.translate("ReviewPage", "yes")
            if given.grade
            else QCoreApplication.translate("ReviewPage", "no")
        )
    else:
        text = QCoreApplication.translate("ReviewPage", "{grade} of {top}").format(
            grade=given.grade, top=c.top
        )
    if given.by_script:
        text += f" · {BY_SCRIPT}"
    return text


def total_text(live: LiveTotal, pass_mark: int | None) -> str:
    result = live.result
    text = QCoreApplication.translate("ReviewPage", "Total: {total}").format(
        total=percent_text(result.total)
    )
    if result.critical_miss:
        text += " " + QCoreApplication.translate(
            "ReviewPage", "(a critical criterion missed; without it {percent})"
        ).format(percent=percent_text(result.without_critical))
    if live.complete:
        if result.passed is not None:
            verdict = (
                QCoreApplication.translate("ReviewPage", "passed")
                if result.passed
                else QCoreApplication.translate("ReviewPage", "not passed")
            )
            text += " · " + QCoreApplication.translate(
                "ReviewPage", "pass mark {mark} %: {verdict}"
            ).format(mark=pass_mark, verdict=verdict)
    else:
        text += " · " + QCoreApplication.translate(
            "ReviewPage", "marked {marked} of {count}"
        ).format(marked=live.marked, count=live.criteria)
    return text


def state_text(screen: ReviewScreen, dirty: bool) -> str:
    """Published, held, a draft saved, or not held; and whether changes wait to be saved."""
    review = screen.review
    if review is not None and review.state == ReviewState.PUBLISHED:
        text = QCoreApplication.translate("ReviewPage", "The review is published: {total}.").format(
            total=review.total_text
        )
    elif not screen.held:
        text = QCoreApplication.translate(
            "ReviewPage",
            "The call is not held by you: take it again from the sample to save the review.",
        )
    elif review is not None:
        text = QCoreApplication.translate(
            "ReviewPage", "A draft of {when} is saved; the call is held by you."
        ).format(when=review.reviewed_at.astimezone().strftime("%d.%m.%Y %H:%M"))
    else:
        text = QCoreApplication.translate(
            "ReviewPage", "The call is held by you while this screen is open."
        )
    if screen.version_id is None:
        text = QCoreApplication.translate(
            "ReviewPage", "The call's stage has no check-list: choose one above."
        )
    if dirty:
        text += " " + QCoreApplication.translate("ReviewPage", "Changes not saved.")
    return text


def recording_url(recording: str) -> QUrl:
    """A URL as it is; anything else is a file path (C:\\Записи\\1.wav, /srv/calls/1.mp3)."""
    if "://" in recording:
        return QUrl(recording)
    return QUrl.fromLocalFile(recording)


class RecordingPlayer:
    """Plays a call's recording with Qt Multimedia where that module loads (PySide6-Essentials
    has none), else hands it to the system's player."""

    def __init__(self, owner: QObject) -> None:
        self.owner = owner
        self._player: Any = None
        self._audio: Any = None

    def play(self, recording: str) -> bool | None:
        """Play or pause inside the program (True: now playing, False: paused), or open it
        with the system's player (None). A file not there, or nothing to play it: words."""
        url = recording_url(recording)
        if url.isLocalFile() and not Path(url.toLocalFile()).is_file():
            raise UserError(
                QCoreApplication.translate(
                    "ReviewPage",
                    "The recording file {path} is not found: it was moved or deleted, or "
                    "the folder is not reachable from this computer.",
                ).format(path=recording)
            )
        try:
            multimedia = importlib.import_module("PySide6.QtMultimedia")
        except ImportError:
            multimedia = None
        if multimedia is not None:
            return self._toggle(multimedia, url)
        if not QDesktopServices.openUrl(url):
            raise UserError(
                QCoreApplication.translate(
                    "ReviewPage",
                    "The recording {path} could not be opened: no program on this computer "
                    "plays it.",
                ).format(path=recording)
            )
        return None

    def _toggle(self, multimedia: Any, url: QUrl) -> bool:
        if self._player is None:
            self._player = multimedia.QMediaPlayer(self.owner)
            self._audio = multimedia.QAudioOutput(self.owner)
            self._player.setAudioOutput(self._audio)
            self._player.setSource(url)
        if self._player.playbackState() == multimedia.QMediaPlayer.PlaybackState.PlayingState:
            self._player.pause()
            return False
        self._player.play()
        return True


class FactsPane(QWidget):
    """The review screen's left side: the call's heading and facts, and the button that plays
    its recording (shown only when the contact has one)."""

    open_client = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.review_screen: ReviewScreen | None = None
        self.player = RecordingPlayer(self)
        self.heading = QLabel()
        self.heading.setObjectName("reviewHeading")
        self.heading.setWordWrap(True)
        self.facts = QTextBrowser()
        self.facts.setObjectName("reviewFacts")
        self.facts.setOpenLinks(False)
        self.facts.anchorClicked.connect(self._link)
        self.play_button = QPushButton(
            QCoreApplication.translate("ReviewPage", "Listen to the recording (Ctrl+P)")
        )
        self.play_button.setObjectName("playRecording")
        self.play_button.setVisible(False)
        self.play_button.clicked.connect(self.play)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.facts, 1)
        layout.addWidget(self.play_button)

    def show_call(self, screen: ReviewScreen) -> None:
        self.review_screen = screen
        self.heading.setText(heading_text(screen.call))
        self.facts.setHtml(facts_html(screen))
        self.play_button.setVisible(bool(screen.call.recording))

    def play(self) -> None:
        """Play the call's recording: inside the program where Qt Multimedia loads (Ctrl+P
        plays and pauses), else with the system's player."""
        recording = self.review_screen.call.recording if self.review_screen is not None else None
        if not recording:
            return
        try:
            playing = self.player.play(recording)
        except UserError as exc:
            show_error(self, exc)
            return
        if playing is not None:
            self.play_button.setText(
                QCoreApplication.translate("ReviewPage", "Pause the recording (Ctrl+P)")
                if playing
                else QCoreApplication.translate("ReviewPage", "Listen to the recording (Ctrl+P)")
            )

    def _link(self, url: QUrl) -> None:
        if url.scheme() == "client" and url.path().isdigit():
            self.open_client.emit(int(url.path()))
