"""Mistake and near-miss reports, their review, and the redacted cases the office publishes."""

from .cases import Case
from .reports import (
    Category,
    IncidentReport,
    Level,
    Place,
    ReportAttachment,
    ReportDraft,
    ReportMessage,
    ReportStep,
    RuleAxis,
    State,
)

__all__ = [
    "Case",
    "Category",
    "IncidentReport",
    "Level",
    "Place",
    "ReportAttachment",
    "ReportDraft",
    "ReportMessage",
    "ReportStep",
    "RuleAxis",
    "State",
]
