"""The home page's 「新着・更新FAQ」 panel."""

from django.utils.translation import gettext_lazy as _

from intranet import dashboard

RECENT = 5


def recent_faqs(request):
    from django.template.defaultfilters import date as format_date

    from intranet.visibility import visible_pages

    from .models import FaqPage

    pages = visible_pages(request.user, FaqPage.objects.live()).order_by("-last_published_at")
    pages = pages[:RECENT]
    return [
        dashboard.PanelItem(
            title=page.title,
            url=page.url,
            meta=format_date(page.last_published_at, "DATE_FORMAT"),
        )
        for page in pages
    ]


def register_panel():
    dashboard.register_panel(
        dashboard.DashboardPanel(
            key="faq.recent",
            title=_("New and updated FAQs"),
            order=40,
            items=recent_faqs,
            empty_message=_("No FAQ has been added or updated recently."),
        )
    )
