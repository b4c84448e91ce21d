"""Who may read a material: the same answer from the object, the list and the search engine."""

import pytest

import search
from materials import rules
from materials.models import Confidentiality, Material
from tests.factories import DepartmentFactory, staff_member
from tests.materials import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    kept = factories.series()
    concerned = DepartmentFactory(name="財政課")
    section_below = DepartmentFactory(name="財政課 契約係", parent=concerned)
    member = staff_member(department=DepartmentFactory(name="総務部"))
    kept.members.add(member)
    sitting = factories.meeting(kept)
    with django_capture_on_commit_callbacks(execute=True):
        materials = {
            level: factories.meeting_material(
                sitting,
                title=f"資料 {level}",
                text=f"予算編成方針の{level}資料です。",
                confidentiality=level,
                departments=[concerned],
            )
            for level in Confidentiality.values
        }
    materials = {level: Material.objects.get(pk=m.pk) for level, m in materials.items()}
    people = {
        "secretary": factories.secretary_of(kept),
        "member": member,
        "concerned": staff_member(department=concerned),
        "below": staff_member(department=section_below),
        "outsider": staff_member(department=DepartmentFactory(name="市民課")),
    }
    return materials, people


EXPECTED = {
    "secretary": set(Confidentiality.values),
    "member": set(Confidentiality.values),
    "concerned": {Confidentiality.PUBLIC, Confidentiality.DEPARTMENTS},
    "below": {Confidentiality.PUBLIC, Confidentiality.DEPARTMENTS},
    "outsider": {Confidentiality.PUBLIC},
}


@pytest.mark.parametrize("who", EXPECTED)
def test_object_list_and_search_agree_on_who_reads_what(world, who):
    materials, people = world
    user = people[who]
    by_object = {level for level, m in materials.items() if rules.can_view(user, m)}
    by_list = set(rules.visible_materials(user).values_list("confidentiality", flat=True))
    found = search.find(user, "予算編成方針", types=["material_part"])
    by_search = {hit.title.split()[1].split("（")[0] for hit in found.hits}
    assert by_object == by_list == by_search == EXPECTED[who]
