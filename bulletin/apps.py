from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BulletinConfig(AppConfig):
    name = "bulletin"
    verbose_name = _("Bulletin board")

    def ready(self):
        from intranet.dashboard import DashboardPanel, register_panel

        # Lists notices awaiting the user's read confirmation once notices exist.
        register_panel(
            DashboardPanel(
                key="bulletin.unconfirmed",
                title=_("Notices I have not confirmed"),
                order=30,
                empty_message=_("There is no notice waiting for your confirmation."),
            )
        )
