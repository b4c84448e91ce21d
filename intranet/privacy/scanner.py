"""``scan`` runs every detector and settles overlaps; ``redact`` masks what was found."""

from . import names, patterns

MASK = "■■■"

# When two findings overlap, the earlier kind in this list wins: a check digit
# or an @ is stronger evidence than a name's part of speech.
PRIORITY = (
    "my_number",
    "corporate_number",
    "email",
    "phone",
    "birth_date",
    "address",
    "person_name",
)


def scan(text, find_names=True):
    """The personal data in ``text``, in order, no two findings overlapping."""
    if not text:
        return []
    candidates = list(patterns.detect(text))
    if find_names:
        candidates += names.detect(text)
    candidates.sort(key=lambda f: (PRIORITY.index(f.kind), f.start - f.end, f.start))
    kept = []
    for finding in candidates:
        if all(finding.end <= other.start or other.end <= finding.start for other in kept):
            kept.append(finding)
    return sorted(kept)


def redact(text, findings):
    """``text`` with each finding replaced by a fixed mask; the rest kept as it was."""
    parts, position = [], 0
    for finding in sorted(findings):
        if finding.start < position:
            continue  # overlaps one already masked
        parts += [text[position : finding.start], MASK]
        position = finding.end
    parts.append(text[position:])
    return "".join(parts)
