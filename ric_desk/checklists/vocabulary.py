"""The words of quality control that screens show and choose from: the models' enums, handed
to the screens by the core (screens never import the models or SQLAlchemy)."""

from __future__ import annotations

from ric_desk.models.checklists import ReviewKind, ReviewState, Scale
from ric_desk.models.quality import DisputeOutcome, PickKind

__all__ = ["DisputeOutcome", "PickKind", "ReviewKind", "ReviewState", "Scale"]
