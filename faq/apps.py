from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FaqConfig(AppConfig):
    name = "faq"
    verbose_name = _("System FAQ")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import dashboard, search, workflow

        search.register_faq()
        dashboard.register_panel()
        # After the roles exist (intranet's post_migrate handler is connected first).
        post_migrate.connect(workflow.ensure_faq_workflow, dispatch_uid="faq.workflow")
