"""The IT desk's synonym dictionary: its groups, the lookup the query parser reads, the admin."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from intranet import roles
from search import synonym_members, synonyms
from search.models import SynonymGroup
from tests.factories import staff_member

pytestmark = pytest.mark.django_db


def group(members, name=""):
    return SynonymGroup.objects.create(name=name, members=members)


@pytest.fixture
def empty_dictionary():
    SynonymGroup.objects.all().delete()


# The words of a group


@pytest.mark.parametrize(
    "members",
    ["パソコン・PC・端末", "パソコン\nPC\n端末\n", "パソコン, PC，端末", "パソコン、PC・\n端末"],
)
def test_words_are_one_per_line_or_separated_by_dots_or_commas(members):
    assert synonym_members.split(members) == (["パソコン", "PC", "端末"], [])
    assert synonym_members.problem(members) is None


@pytest.mark.parametrize(
    "members, message",
    [
        ("パソコン", "2つ以上"),
        ("パソコン・ぱそこん", "検索では同じ言葉"),
        ("パソコン・・PC", "区切り"),
        ("パソコン・" + "長" * 51, "長すぎます"),
        ("パソコン・！？", "検索に使える"),
        ("パソコン・P\x00C", "制御文字"),
        ("・".join(f"語{n}" for n in range(31)), "30語まで"),
    ],
)
def test_a_group_that_would_not_work_is_refused_in_japanese(members, message):
    with pytest.raises(ValidationError) as refused:
        SynonymGroup(members=members).full_clean()
    assert message in " ".join(refused.value.message_dict["members"])


def test_a_group_without_a_name_is_named_after_its_first_words():
    new = SynonymGroup(members="スマートフォン・スマホ")
    new.full_clean()
    assert new.name == "スマートフォン・スマホ"


# lookup


def test_lookup_gives_the_other_words_of_the_group_with_their_terms(empty_dictionary):
    group("パソコン・PC・端末")
    assert synonyms.lookup("ぱそこん") == [("PC", ("pc",)), ("端末", ("端末",))]
    assert synonyms.lookup("pc") == [("パソコン", ("ぱそこん",)), ("端末", ("端末",))]


def test_a_word_of_several_terms_is_given_as_its_terms_and_found_by_them_joined(
    empty_dictionary,
):
    group("無線 LAN・Wi-Fi")
    assert synonyms.lookup("wi-fi") == [("無線 LAN", ("無線", "lan"))]
    assert synonyms.lookup("無線lan") == [("Wi-Fi", ("wi-fi",))]
    # A part of a word is not the word: 無線 alone is not in the group.
    assert synonyms.lookup("無線") == []


def test_a_word_in_two_groups_gets_the_words_of_both(empty_dictionary):
    group("プリンター・複合機")
    group("複合機・コピー機")
    assert [word for word, _terms in synonyms.lookup("複合機")] == ["プリンター", "コピー機"]


def test_an_unknown_term_has_no_synonyms(empty_dictionary):
    group("パソコン・PC")
    assert synonyms.lookup("年末調整") == []


def test_an_edit_is_seen_by_the_next_lookup(empty_dictionary):
    pc = group("パソコン・PC")
    assert synonyms.lookup("ぱそこん") == [("PC", ("pc",))]
    pc.members = "パソコン・PC・端末"
    pc.save()
    assert [word for word, _terms in synonyms.lookup("ぱそこん")] == ["PC", "端末"]
    pc.delete()
    assert synonyms.lookup("ぱそこん") == []


def test_an_edit_made_elsewhere_is_seen_without_a_signal(empty_dictionary):
    """Another server process edits the table: this one's memory must not keep the old words."""
    pc = group("パソコン・PC")
    assert synonyms.lookup("ぱそこん") == [("PC", ("pc",))]
    # As another process's save reaches the table: no signal, no hook in this process.
    SynonymGroup.objects.filter(pk=pc.pk).update(members="パソコン・端末", updated_at=pc.updated_at)
    SynonymGroup.objects.filter(pk=pc.pk).update(updated_at=pc.updated_at.replace(year=2099))
    assert synonyms.lookup("ぱそこん") == [("端末", ("端末",))]
    SynonymGroup.objects.filter(pk=pc.pk).delete()
    assert synonyms.lookup("ぱそこん") == []


def test_the_dictionary_is_read_once_and_then_checked_with_one_small_query(empty_dictionary):
    group("パソコン・PC")
    synonyms.lookup("ぱそこん")
    with CaptureQueriesContext(connection) as queries:
        for _n in range(5):
            synonyms.lookup("ぱそこん")
    assert len(queries) == 5
    assert all("COUNT" in query["sql"].upper() for query in queries)


def test_threads_looking_up_at_once_all_get_the_dictionary(empty_dictionary, transactional_db):
    group("パソコン・PC")
    results, barrier = [], threading.Barrier(8)

    def look():
        barrier.wait()
        results.append(synonyms.lookup("ぱそこん"))
        connection.close()

    threads = [threading.Thread(target=look) for _n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [[("PC", ("pc",))]] * 8


# The starter dictionary


def test_the_starter_dictionary_is_there_after_migrating():
    assert SynonymGroup.objects.count() >= 20
    assert ("PC", ("pc",)) in synonyms.lookup("ぱそこん")
    assert ("マルウェア", ("まるうぇあ",)) in synonyms.lookup("ういるす")
    assert ("Wi-Fi", ("wi-fi",)) in synonyms.lookup("無線lan")


def test_the_starter_dictionary_pairs_everyday_verbs_with_the_manuals_terms():
    assert ("接続", ("接続",)) in synonyms.lookup("繋がる")
    assert ("削除", ("削除",)) in synonyms.lookup("消す")
    assert ("貸出", ("貸し出し",)) in synonyms.lookup("借りる")
    assert ("申請", ("申請",)) in synonyms.lookup("届け")


def test_a_query_in_everyday_words_finds_the_page_in_the_manuals_words():
    from search.query import parse
    from search.text import index_terms

    (word,) = parse("休暇届")
    indexed = index_terms("庶務事務システムで休暇を申請する")
    assert ("休暇", "申請") in word.phrases and "".join(("休暇", "申請")) not in word.terms
    assert any(
        list(phrase) == indexed[i : i + len(phrase)]
        for phrase in word.phrases
        for i in range(len(indexed))
    )
    words = parse("いんたーねっとにつながらない")
    assert "接続" in words[-1].terms


def test_a_query_looks_the_dictionary_up_with_one_small_query():
    from search.query import parse

    parse("パソコン")
    with CaptureQueriesContext(connection) as queries:
        parse("パソコン ウイルス 休暇届 起動 いんたーねっとにつながらない")
    assert len(queries) == 1


def test_every_starter_group_passes_the_checks_the_admin_makes():
    for starter in SynonymGroup.objects.all():
        starter.full_clean()


# The admin


def test_the_it_desk_edits_the_dictionary_in_the_admin(client):
    client.force_login(staff_member(roles=[roles.IT_DESK]))
    listing = client.get(reverse("wagtailsnippets_search_synonymgroup:list"))
    assert listing.status_code == 200
    assert "同義語辞書" in listing.content.decode()
    response = client.post(
        reverse("wagtailsnippets_search_synonymgroup:add"),
        {"members": "スマートフォン・スマホ・公用携帯", "name": ""},
    )
    assert response.status_code == 302
    assert [word for word, _terms in synonyms.lookup("すまほ")] == ["スマートフォン", "公用携帯"]


def test_a_wrong_group_comes_back_with_a_message(client):
    client.force_login(staff_member(roles=[roles.IT_DESK]))
    response = client.post(
        reverse("wagtailsnippets_search_synonymgroup:add"), {"members": "スマホ", "name": ""}
    )
    assert response.status_code == 200
    assert "2つ以上" in response.content.decode()


def test_the_dictionary_sits_beside_the_search_reports_in_the_menu(client):
    client.force_login(staff_member(roles=[roles.IT_DESK]))
    body = client.get(reverse("search_reports")).content.decode()
    assert reverse("wagtailsnippets_search_synonymgroup:list") in body


@pytest.mark.parametrize("role", [[], [roles.SECTION_HEAD], [roles.SYSTEM_ADMIN]])
def test_others_cannot_open_or_change_the_dictionary(client, role):
    client.force_login(staff_member(roles=role))
    listing = client.get(reverse("wagtailsnippets_search_synonymgroup:list"))
    assert listing.status_code in (302, 403)
    client.post(reverse("wagtailsnippets_search_synonymgroup:add"), {"members": "あ・い"})
    assert not SynonymGroup.objects.filter(members="あ・い").exists()
