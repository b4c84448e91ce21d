"""Meeting materials, the form and statistics libraries, and the text read out of their files."""

from .documents import Confidentiality, ExtractedPart, ExtractionState, Material, MaterialVersion
from .library import Library, LibraryCategory
from .meetings import AgendaItem, Meeting, MeetingSeries

__all__ = [
    "AgendaItem",
    "Confidentiality",
    "ExtractedPart",
    "ExtractionState",
    "Library",
    "LibraryCategory",
    "Material",
    "MaterialVersion",
    "Meeting",
    "MeetingSeries",
]
