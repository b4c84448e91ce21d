"""Load the Japanese demo data. Safe to run again: it updates what is already there.

The organisation and the demo logins are loaded here; then every other app
that has a ``demo`` module gets its ``load(stdout)`` called, in app order.
"""

import logging
from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from intranet.demo.staff import load_organisation
from intranet.models import Department, StaffProfile
from intranet.site import ensure_home_page


class Command(BaseCommand):
    help = (
        "デモ用の部署・職員・FAQ などのデータを読み込みます（何度実行しても同じ結果になります）。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="職員データが1件もないときだけ読み込みます（make run 用）。",
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
        staff_count = load_organisation(self.stdout)
        for app_config in apps.get_app_configs():
            if app_config.name != "intranet" and module_has_submodule(app_config.module, "demo"):
                import_module(f"{app_config.name}.demo").load(self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                f"デモデータを読み込みました：部署{Department.objects.count()}件、"
                f"職員{StaffProfile.objects.count()}名（一般職員{staff_count}名を含む）"
            )
        )
