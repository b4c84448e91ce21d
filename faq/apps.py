from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FaqConfig(AppConfig):
    name = "faq"
    verbose_name = _("System FAQ")

    def ready(self):
        from django.db.models.signals import post_migrate

        from intranet import navigation, roles
        from intranet.navigation import NavItem

        from . import dashboard, files, search, signals, views, workflow
        from .models import FaqIndexPage

        # The IT desk answers the 質問箱 and writes FAQs in the FAQ's own part of
        # the page tree; only the lead publishes (through the review workflow).
        for role in (roles.IT_DESK, roles.IT_DESK_LEAD):
            roles.grant(role, ["faq.view_openquestion", "faq.change_openquestion"])
        roles.grant_pages(
            roles.IT_DESK,
            ["wagtailcore.add_page", "wagtailcore.change_page"],
            area=FaqIndexPage.homes,
        )
        roles.grant_pages(
            roles.IT_DESK_LEAD,
            ["wagtailcore.add_page", "wagtailcore.change_page", "wagtailcore.publish_page"],
            area=FaqIndexPage.homes,
        )
        files.register()
        search.register_faq()
        dashboard.register_panel()
        signals.connect()
        navigation.register_nav_item(
            NavItem(label=_("FAQ"), url_name="faq:home", order=20, locate=views.faq_home_url)
        )
        navigation.register_nav_item(
            NavItem(label=_("Ask the IT desk"), url_name="questions:ask", order=25)
        )
        navigation.register_nav_item(
            NavItem(label=_("My questions"), url_name="questions:list", order=26)
        )
        # After the roles exist (intranet's post_migrate handler is connected first).
        post_migrate.connect(workflow.ensure_faq_workflow, dispatch_uid="faq.workflow")
