"""Load the demo organisation: departments, generated staff and the named demo logins.

Safe to run again: it updates what is already there. ``load_demo`` calls it
before the apps' own demo content; tests of the directory call it alone.
"""

import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from intranet.models import Department, StaffProfile
from intranet.roles import SECTION_HEAD, STAFF

from . import organisation as demo


def load_organisation(stdout=None):
    """Load everything; returns how many generated staff (not demo logins) there are."""
    stdout = stdout or io.StringIO()
    sections = load_departments()
    staff_count = load_staff(sections)
    load_demo_accounts(sections, stdout)
    return staff_count


def load_departments():
    sections = {}
    for order, (code, name, children) in enumerate(demo.DEPARTMENTS):
        first = children[0][2]
        bu, _ = Department.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": Department.Kind.BU,
                "parent": None,
                "extension_from": first,
                "extension_to": children[-1][2] + 49,
                "sort_order": order * 100,
            },
        )
        for child_order, (child_code, child_name, extension) in enumerate(children, start=1):
            sections[child_code], _ = Department.objects.update_or_create(
                code=child_code,
                defaults={
                    "name": child_name,
                    "kind": Department.Kind.KA,
                    "parent": bu,
                    "extension_from": extension,
                    "extension_to": extension + 49,
                    "sort_order": order * 100 + child_order,
                },
            )
    return sections


def ensure_user(username, roles, profile_fields):
    user, created = get_user_model().objects.get_or_create(username=username)
    if created:
        user.set_password(demo.DEMO_PASSWORD)
    user.last_name, _, user.first_name = profile_fields["full_name"].partition(" ")
    user.save()
    user.groups.set(Group.objects.filter(name__in=roles))
    StaffProfile.objects.update_or_create(user=user, defaults=profile_fields)
    return user


def load_staff(sections):
    names = (
        (
            demo.SURNAMES[i % len(demo.SURNAMES)],
            demo.GIVEN_NAMES[(i * 7) % len(demo.GIVEN_NAMES)],
        )
        for i in range(10_000)
    )
    count = 0
    for bu in Department.objects.filter(kind=Department.Kind.BU):
        (surname, surname_kana), (given, given_kana) = next(names)
        count += 1
        ensure_user(
            f"s{count:05d}",
            [STAFF, SECTION_HEAD],
            {
                "staff_number": f"S{count:05d}",
                "full_name": f"{surname} {given}",
                "full_name_kana": f"{surname_kana} {given_kana}",
                "department": bu,
                "extension": str(bu.extension_from + 49),
                "job_title": "部長",
            },
        )
    for section in sections.values():
        for position in range(demo.STAFF_PER_SECTION):
            (surname, surname_kana), (given, given_kana) = next(names)
            count += 1
            is_head = position == 0 and section.code not in demo.SECTIONS_HEADED_BY_A_DEMO_ACCOUNT
            ensure_user(
                f"s{count:05d}",
                [STAFF, SECTION_HEAD] if is_head else [STAFF],
                {
                    "staff_number": f"S{count:05d}",
                    "full_name": f"{surname} {given}",
                    "full_name_kana": f"{surname_kana} {given_kana}",
                    "department": section,
                    "extension": str(section.extension_from + position),
                    "job_title": "課長" if is_head else ("課長補佐", "主査", "主事")[position],
                },
            )
    return count


def load_demo_accounts(sections, stdout):
    stdout.write("デモ用ログイン（パスワードはすべて共通）：")
    for number, (username, (code, roles, title, description)) in enumerate(
        demo.DEMO_ACCOUNTS.items(), start=1
    ):
        surname, surname_kana = demo.SURNAMES[(number * 5) % len(demo.SURNAMES)]
        given, given_kana = demo.GIVEN_NAMES[(number * 3 + 1) % len(demo.GIVEN_NAMES)]
        section = sections[code]
        ensure_user(
            username,
            roles,
            {
                "staff_number": f"D{number:05d}",
                "full_name": f"{surname} {given}",
                "full_name_kana": f"{surname_kana} {given_kana}",
                "department": section,
                "extension": str(section.extension_from + 40 + number),
                "job_title": title,
            },
        )
        stdout.write(f"  {username:<10} {description}")
    stdout.write(f"  パスワード：{demo.DEMO_PASSWORD}")
