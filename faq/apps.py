from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FaqConfig(AppConfig):
    name = "faq"
    verbose_name = _("System FAQ")

    def ready(self):
        from intranet.dashboard import DashboardPanel, register_panel

        # Lists new and updated FAQ pages once the FAQ page types exist.
        register_panel(
            DashboardPanel(
                key="faq.recent",
                title=_("New and updated FAQs"),
                order=40,
                empty_message=_("No FAQ has been added or updated recently."),
            )
        )
