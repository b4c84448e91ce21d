"""Precision and recall per kind on the corpus must not fall below their floors.

Every corpus file present is scored, pooled by split: all ``*-tune.jsonl``
files, and all ``*-heldout.jsonl`` files (never tuned on). The floors sit a
little below what the held-out files measured when each detector was written
or last improved (benchmarks/privacy_guard.py prints the figures), so that one
more mistake on phones, or two on dates of birth or names, fails. Person names
are held here on the pooled files (the harder-*.jsonl staff named by post
among them) and per names-*.jsonl file in test_names_floor.py.
"""

import pytest

from intranet.privacy import KINDS, scan
from tests.privacy.scoring import CORPUS, load, score

SPLITS = ("tune", "heldout")
# kind: (precision, recall), on the held-out and on the tuning files alike.
FLOORS = {
    "my_number": (0.95, 0.95),
    "corporate_number": (0.95, 0.95),
    "phone": (0.97, 0.97),
    "email": (0.9, 0.9),
    "birth_date": (0.93, 0.93),
    "address": (0.85, 0.85),
    "person_name": (0.95, 0.94),
}


def corpus(split):
    """Every line of every corpus file of ``split``."""
    return [line for path in sorted(CORPUS.glob(f"*-{split}.jsonl")) for line in load(path.stem)]


def detect(text):
    return [(finding.kind, finding.text) for finding in scan(text)]


@pytest.fixture(scope="module", params=SPLITS)
def scores(request):
    return score(corpus(request.param), detect, list(FLOORS))


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_precision_and_recall_stay_above_the_floor(scores, kind):
    result = scores[kind]
    precision_floor, recall_floor = FLOORS[kind]
    assert result.expected > 0, f"the corpus has nothing of kind {kind} to find"
    assert result.precision >= precision_floor, result.wrong
    assert result.recall >= recall_floor, result.missed


@pytest.mark.parametrize("split", SPLITS)
def test_every_expected_entry_is_in_its_text_and_of_a_known_kind(split):
    lines = corpus(split)
    assert any(not line["expect"] for line in lines), "hard negatives are missing"
    for line in lines:
        for kind, text in line["expect"]:
            assert kind in KINDS
            assert text in line["text"]
