"""The hostile-input sweep sees which query parameters a view reads."""

import pytest
from django.http import QueryDict

from tests.intranet.query_reads import EVERY, ReadQueryDict, names_read, query_reads


def noting(query_string):
    reads = set()
    return ReadQueryDict.of(QueryDict(query_string), reads), reads


def test_each_name_asked_for_is_noted_whether_it_was_sent_or_not():
    query, reads = noting("q=vpn")
    query.get("q")
    query.getlist("type")
    assert "page" not in query
    assert reads == {"q", "type", "page"}


def test_going_through_all_the_parameters_reads_every_one():
    query, reads = noting("q=vpn&page=2")
    dict(query.items())
    assert reads == {EVERY}
    assert names_read(reads, {"q", "page"}) == {"q", "page"}


def test_only_the_names_offered_are_taken():
    assert names_read({"q", "id"}, {"q", "page"}) == {"q"}


def test_a_link_made_from_a_copy_reads_nothing_but_what_is_read_from_the_copy():
    query, reads = noting("q=vpn&page=2")
    link = query.copy()
    link["page"] = "3"
    link.urlencode()
    assert reads == set()
    link.get("q")
    assert reads == {"q"}


def test_a_request_notes_what_its_view_and_template_read(client, db):
    from tests.factories import staff_member

    client.force_login(staff_member())
    with query_reads() as reads:
        response = client.get("/notifications/", {"page": "1", "never_read": "x"})
    assert response.status_code == 200
    assert "page" in reads and "never_read" not in reads


@pytest.mark.parametrize("query_string", ["", "a=1&a=2"])
def test_the_noting_copy_has_the_same_parameters(query_string):
    query, _reads = noting(query_string)
    assert list(query.lists()) == list(QueryDict(query_string).lists())
    assert not query._mutable
