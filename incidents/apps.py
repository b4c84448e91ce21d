from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "incidents"
    verbose_name = _("Mistakes and near misses")

    def ready(self):
        from intranet.dashboard import DashboardPanel, register_panel

        # Lists newly published cases from the near-miss case collection.
        register_panel(
            DashboardPanel(
                key="incidents.lessons",
                title=_("Recent lessons from near-miss cases"),
                order=50,
                empty_message=_("No new case has been published in the case collection."),
            )
        )
