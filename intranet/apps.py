from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class IntranetConfig(AppConfig):
    name = "intranet"
    verbose_name = _("Intranet core")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import dashboard, navigation, roles

        # Groups are created after migrate, when every app's permissions exist.
        post_migrate.connect(roles.sync_roles, dispatch_uid="intranet.sync_roles")
        dashboard.register_core_panels()
        navigation.register_core_items()
