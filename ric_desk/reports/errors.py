"""The report's refusals."""

from __future__ import annotations

from ric_desk.errors import UserError


class ReportError(UserError):
    """A report asked for with bad parameters."""
