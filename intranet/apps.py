from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class IntranetConfig(AppConfig):
    name = "intranet"
    verbose_name = _("Intranet core")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth import get_user_model

        from . import accounts, directory, menu_stamps, navigation, roles

        get_user_model().get_full_name = accounts.family_name_first
        accounts.show_full_names_in_the_admin_sidebar()

        # Groups are created after migrate, when every app's permissions exist.
        post_migrate.connect(roles.sync_roles, dispatch_uid="intranet.sync_roles")
        directory.register_my_department_panel()
        navigation.register_core_items()
        menu_stamps.connect()
