"""Scoring a detector against the shared JSON Lines corpus in tests/privacy/corpus/.

A finding is a true positive when its (kind, text) matches an expected entry
of the same line, each entry matched once; otherwise a false positive.
Recall is matched expected entries over all expected entries of that kind.
Plain Python (no Django) so that benchmarks can score other engines with it.
"""

import json
from collections import Counter
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"


def load(name):
    """The lines of ``tests/privacy/corpus/<name>.jsonl``."""
    with open(CORPUS / f"{name}.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def score(lines, detect, kinds):
    """{kind: Score} for ``detect(text) -> [(kind, text), ...]`` over the corpus lines."""
    scores = {kind: Score() for kind in kinds}
    for line in lines:
        expected = Counter(tuple(entry) for entry in line["expect"] if entry[0] in kinds)
        for kind, _text in expected.elements():
            scores[kind].expected += 1
        for kind, text in detect(line["text"]):
            if kind not in scores:
                continue
            if expected[(kind, text)] > 0:
                expected[(kind, text)] -= 1
                scores[kind].true_positives += 1
            else:
                scores[kind].false_positives += 1
                scores[kind].wrong.append((text, line["text"]))
        for (kind, text), missed in expected.items():
            scores[kind].missed += [(text, line["text"])] * missed
    return scores


class Score:
    def __init__(self):
        self.expected = self.true_positives = self.false_positives = 0
        self.wrong, self.missed = [], []

    @property
    def precision(self):
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self):
        return self.true_positives / self.expected if self.expected else 1.0
