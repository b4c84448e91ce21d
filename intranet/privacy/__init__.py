"""The personal-data guard: finds personal data in text before it is published.

    from intranet import privacy

    findings = privacy.scan(text)        # [Finding(kind, start, end, text), ...]
    safe = privacy.redact(text, findings)

Every app that publishes text staff typed (notices, near-miss reports,
meeting materials, public FAQs) calls ``scan`` first. Offsets are into the
text exactly as given, also where full-width characters were folded to match.
"""

from .findings import KINDS, Finding
from .scanner import redact, scan

__all__ = ["KINDS", "Finding", "redact", "scan"]
