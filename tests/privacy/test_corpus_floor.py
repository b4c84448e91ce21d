"""Precision and recall per kind on the corpus must not fall below their floors.

benchmarks/privacy_guard.py prints the numbers; the floors sit a little below
what the held-out files measured when each detector was written. A kind
without a floor here (another detector's) is skipped.
"""

import pytest

from intranet.privacy import KINDS, scan
from tests.privacy.scoring import SPLITS, corpus_lines, score

# kind: (precision, recall), on the held-out and on the tuning files alike.
FLOORS = {
    "my_number": (0.95, 0.95),
    "corporate_number": (0.95, 0.95),
    "phone": (0.9, 0.9),
    "email": (0.9, 0.9),
    "birth_date": (0.85, 0.85),
    "address": (0.85, 0.85),
}


@pytest.fixture(scope="module", params=SPLITS)
def corpus_score(request):
    return score(request.param, scan)


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_precision_and_recall_stay_above_the_floor(corpus_score, kind):
    precision_floor, recall_floor = FLOORS[kind]
    assert corpus_score.expected(kind) > 0, f"the corpus has no {kind} to find"
    mistakes = [m for m in corpus_score.mistakes if m[2] == kind]
    assert (corpus_score.precision(kind) or 0) >= precision_floor, mistakes
    assert corpus_score.recall(kind) >= recall_floor, mistakes


def test_every_expected_entry_is_in_its_text():
    for split in SPLITS:
        for where, item in corpus_lines(split):
            for kind, text in item["expect"]:
                assert text in item["text"], where
                assert kind in KINDS, where
