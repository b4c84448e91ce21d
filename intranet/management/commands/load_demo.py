"""Load the Japanese demo data. Safe to run again: it updates what is already there.

The organisation and the demo logins are loaded here; then every other app
that has a ``demo`` module gets its ``load(stdout)`` called, in app order.
"""

import logging
from importlib import import_module

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from intranet.demo import organisation as demo
from intranet.models import Department, StaffProfile
from intranet.roles import SECTION_HEAD, STAFF
from intranet.site import ensure_home_page


class Command(BaseCommand):
    help = (
        "デモ用の部署・職員・FAQ などのデータを読み込みます"
        "（何度実行しても同じ結果になります）。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="職員データが 1 件もないときだけ読み込みます（make run 用）。",
        )

    def handle(self, *args, **options):
        # Wagtail logs one line per page it creates (over 200 here); `make run`
        # should show a short summary and the login instead. -v 2 shows them.
        wagtail_log = logging.getLogger("wagtail")
        level = wagtail_log.level
        if options["verbosity"] < 2:
            wagtail_log.setLevel(logging.WARNING)
        try:
            self.load(**options)
        finally:
            wagtail_log.setLevel(level)

    @transaction.atomic
    def load(self, **options):
        if options["if_empty"] and StaffProfile.objects.exists():
            self.stdout.write("職員データがあるため、デモデータの読み込みを省略しました。")
            return
        ensure_home_page()
        sections = self.load_departments()
        staff_count = self.load_staff(sections)
        self.load_demo_accounts(sections)
        for app_config in apps.get_app_configs():
            if app_config.name != "intranet" and module_has_submodule(app_config.module, "demo"):
                import_module(f"{app_config.name}.demo").load(self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                f"デモデータを読み込みました: 部署 {Department.objects.count()} 件、"
                f"職員 {StaffProfile.objects.count()} 名（一般職員 {staff_count} 名を含む）"
            )
        )

    def load_departments(self):
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

    def ensure_user(self, username, roles, profile_fields):
        user, created = get_user_model().objects.get_or_create(username=username)
        if created:
            user.set_password(demo.DEMO_PASSWORD)
        user.last_name, _, user.first_name = profile_fields["full_name"].partition(" ")
        user.save()
        user.groups.set(Group.objects.filter(name__in=roles))
        StaffProfile.objects.update_or_create(user=user, defaults=profile_fields)
        return user

    def load_staff(self, sections):
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
            self.ensure_user(
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
                is_head = position == 0
                self.ensure_user(
                    f"s{count:05d}",
                    [STAFF, SECTION_HEAD] if is_head else [STAFF],
                    {
                        "staff_number": f"S{count:05d}",
                        "full_name": f"{surname} {given}",
                        "full_name_kana": f"{surname_kana} {given_kana}",
                        "department": section,
                        "extension": str(section.extension_from + position),
                        "job_title": "課長" if is_head else ("主査", "主事")[position % 2],
                    },
                )
        return count

    def load_demo_accounts(self, sections):
        self.stdout.write("デモ用ログイン（パスワードはすべて共通）:")
        for number, (username, (code, roles, title, description)) in enumerate(
            demo.DEMO_ACCOUNTS.items(), start=1
        ):
            surname, surname_kana = demo.SURNAMES[(number * 5) % len(demo.SURNAMES)]
            given, given_kana = demo.GIVEN_NAMES[(number * 3 + 1) % len(demo.GIVEN_NAMES)]
            section = sections[code]
            self.ensure_user(
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
            self.stdout.write(f"  {username:<10} {description}")
        self.stdout.write(f"  パスワード: {demo.DEMO_PASSWORD}")
