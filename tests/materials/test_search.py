"""Materials in search: one document per page, grouped by file, and only for those who may open it.

Every test runs on the database engine and on Elasticsearch (through
scripts/with-elasticsearch), through the same path a saved material takes:
the registry's signals, the background task, the engine, the search page.
"""

import pytest
from django.urls import reverse

import search
from materials import extraction, rules, services
from materials.models import Confidentiality, Material, MaterialVersion
from search.backends import reset_backends
from tests.factories import DepartmentFactory, staff_member
from tests.materials import factories
from tests.search.conftest import elasticsearch_backend

pytestmark = pytest.mark.django_db

PHRASE = "駐輪場の再整備"
MARKER = "ヒミツ"  # in every material an outsider may not open; never shown to them
PERSONAL = "連絡先は yamada@example.jp です。"  # keeps a 全庁公開 material withheld


@pytest.fixture(params=["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def engine(request, settings):
    """The intranet's search engine for this test: what saving and searching go through."""
    reset_backends()
    backend = None
    if request.param == "elasticsearch":
        backend = elasticsearch_backend()
        settings.SEARCH_BACKEND = "elasticsearch"
        settings.ELASTICSEARCH_URL = backend.url
        settings.SEARCH_INDEX_NAME = backend.alias
        backend.ensure_index()
    else:
        settings.SEARCH_BACKEND = "database"
    yield request.param
    if backend is not None:
        for name in backend._indexes_behind_alias():
            backend.client.indices.delete(index=name)
    reset_backends()


def pages_of(*texts, ocr=()):
    """An extractor that reads the file as these pages (the ones numbered in ``ocr`` by OCR)."""

    def extract(path, kind):
        parts = tuple(
            extraction.Part(number, f"p.{number}", text, ocr=number in ocr)
            for number, text in enumerate(texts, start=1)
        )
        return extraction.Extracted(parts=parts, page_count=len(parts), ocr=bool(ocr))

    return extract


def as_pdf(capture, callbacks, material):
    """Run the queued extraction as for a PDF: hits on its pages open the file at #page=N."""
    MaterialVersion.objects.filter(pk=material.current_id).update(kind=extraction.PDF)
    with capture(execute=True):  # what the extraction queues in turn
        for callback in callbacks:
            callback()


@pytest.fixture
def world(engine, django_capture_on_commit_callbacks):
    concerned = DepartmentFactory(name="財政課")
    kept = factories.series(attending=[concerned])
    member = staff_member(department=DepartmentFactory(name="総務部"))
    kept.members.add(member)
    sitting = factories.meeting(kept)
    with django_capture_on_commit_callbacks(execute=True):
        made = {
            level: factories.meeting_material(
                sitting,
                title=f"資料{level}{'' if level == Confidentiality.PUBLIC else MARKER}",
                text=f"{PHRASE}について。"
                + ("" if level == Confidentiality.PUBLIC else f"{MARKER}の案です。"),
                confidentiality=level,
                departments=[concerned],
            )
            for level in Confidentiality.values
        }
        made["withheld"] = factories.meeting_material(
            sitting,
            title=f"資料withheld{MARKER}",
            text=f"{PHRASE}の{MARKER}名簿。{PERSONAL}",
        )
    materials = {key: Material.objects.get(pk=m.pk) for key, m in made.items()}
    assert materials["withheld"].withheld and not materials[Confidentiality.PUBLIC].withheld
    people = {
        "secretary": factories.secretary_of(kept),
        "member": member,
        "concerned": staff_member(department=concerned),
        "outsider": staff_member(department=DepartmentFactory(name="市民課")),
    }
    return materials, people


def titles(found):
    return {hit.title for hit in found.hits}


EXPECTED = {
    "secretary": {"資料public", f"資料departments{MARKER}", f"資料private{MARKER}"}
    | {f"資料withheld{MARKER}"},
    "member": {"資料public", f"資料departments{MARKER}", f"資料private{MARKER}"},
    "concerned": {"資料public", f"資料departments{MARKER}"},
    "outsider": {"資料public"},
}


@pytest.mark.parametrize("who", EXPECTED)
def test_each_confidentiality_is_found_by_those_who_may_open_it(world, who):
    materials, people = world
    user = people[who]
    found = search.find(user, PHRASE)
    assert titles(found) == EXPECTED[who]
    assert titles(found) == {m.title for m in materials.values() if m in visible(user)}
    assert found.total == len(EXPECTED[who])  # the text of one page each, no more
    assert found.type_counts == {"material_part": len(EXPECTED[who])}


def visible(user):
    return set(rules.visible_materials(user))


def test_an_outsider_sees_no_trace_in_hits_counts_facets_or_snippets(client, world):
    materials, people = world
    client.force_login(people["outsider"])
    response = client.get(reverse("search:results"), {"q": PHRASE})
    body = response.content.decode()
    assert MARKER not in body
    assert response.context["total"] == 1
    facets = {value: count for value, _label, count in response.context["type_facets"]}
    assert facets == {"material_part": 1}
    departments = [(d.pk, count) for d, count, _url in response.context["department_facets"]]
    assert departments == [(materials[Confidentiality.PUBLIC].department_id, 1)]
    assert search.find(people["outsider"], MARKER).total == 0


def test_an_outsider_gets_no_fallback_hit_from_a_hidden_material(client, world):
    materials, people = world
    client.force_login(people["outsider"])
    query = f"{MARKER} 存在しない語句"
    response = client.get(reverse("search:results"), {"q": query})
    assert response.context["total"] == 0
    assert response.context["entries"] == []  # the fallback list shows nothing hidden either
    assert MARKER not in response.content.decode().replace(query, "")


def test_search_follows_a_change_of_confidentiality(world, django_capture_on_commit_callbacks):
    materials, people = world
    private = materials[Confidentiality.PRIVATE]
    outsider, secretary = people["outsider"], people["secretary"]
    assert search.find(outsider, MARKER).total == 0
    with django_capture_on_commit_callbacks(execute=True):
        services.update_material(private, secretary, confidentiality=Confidentiality.PUBLIC)
    assert titles(search.find(outsider, MARKER)) == {private.title}
    assert search.find(outsider, MARKER).type_counts == {"material": 1, "material_part": 1}
    with django_capture_on_commit_callbacks(execute=True):
        services.update_material(
            Material.objects.get(pk=private.pk),
            secretary,
            confidentiality=Confidentiality.DEPARTMENTS,
            departments=[people["concerned"].staff_profile.department],
        )
    assert search.find(outsider, MARKER).total == 0
    assert private.title in titles(search.find(people["concerned"], MARKER))


def test_a_new_version_takes_the_old_text_out_of_search(world, django_capture_on_commit_callbacks):
    materials, people = world
    public = materials[Confidentiality.PUBLIC]
    with django_capture_on_commit_callbacks(execute=True):
        services.add_version(
            public, factories.text_upload("庁舎の植栽の管理について。"), people["secretary"]
        )
    outsider = people["outsider"]
    assert public.title not in titles(search.find(outsider, PHRASE))
    assert titles(search.find(outsider, "植栽")) == {public.title}


@pytest.fixture
def minutes(engine, monkeypatch, django_capture_on_commit_callbacks):
    """A PDF of three pages; the phrase is on pages 1 and 3, and page 3 was read by OCR."""
    monkeypatch.setattr(
        extraction,
        "extract",
        pages_of(f"{PHRASE}の経緯。", "別の議題。", f"{PHRASE}の予算。", ocr=(3,)),
    )
    with django_capture_on_commit_callbacks() as callbacks:
        made = factories.library_material(
            factories.category(), DepartmentFactory(name="都市計画課"), title="第3回議事録"
        )
    as_pdf(django_capture_on_commit_callbacks, callbacks, made)
    return Material.objects.get(pk=made.pk)


def test_hits_from_one_file_come_under_its_title_with_their_pages(staff_client, minutes):
    response = staff_client.get(reverse("search:results"), {"q": PHRASE})
    [entry] = response.context["entries"]
    assert entry["head"] is None
    assert str(entry["title_html"]) == "第3回議事録"
    assert entry["href"] == minutes.get_absolute_url()
    assert sorted(part["hit"].part for part in entry["parts"]) == ["p.1", "p.3"]
    body = response.content.decode()
    assert body.count("第3回議事録") == 1  # once for the file, not once per page
    assert body.count("OCRで読み取り") == 1
    assert "<mark>駐輪場</mark>" in body


def test_the_material_heads_its_group_when_its_title_is_found_too(staff_client, minutes):
    response = staff_client.get(reverse("search:results"), {"q": "議事録"})
    [entry] = response.context["entries"]
    assert entry["head"]["hit"].doc_type == "material"
    assert entry["href"] == entry["head"]["href"]
    assert len(entry["parts"]) == 3


def test_a_page_hit_opens_the_pdf_at_its_page_through_the_click_log(staff_client, minutes):
    response = staff_client.get(reverse("search:results"), {"q": f"{PHRASE} 予算"})
    [entry] = response.context["entries"]
    # The file's pages with only one of the words follow it (the fallback), under one title.
    [part] = [part for part in entry["parts"] if part["hit"].matched_all]
    assert part["hit"].part == "p.3"
    opened = staff_client.get(part["href"])
    download = reverse("materials:download", args=[minutes.current_id])
    assert opened.status_code == 302
    assert opened["Location"] == f"{download}#page=3"
