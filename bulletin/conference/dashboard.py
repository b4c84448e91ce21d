"""The home page's 「新着の投稿」 panel: threads of the user's boards with posts they have not read.

Only threads with a post in the last ``PANEL_DAYS`` days: a staff member who
never opened the room is not shown last year's threads as news.

It names no poster: a panel line beside an anonymous post would be one more
place to guess from.
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intranet import dashboard

from . import services

PANEL_SIZE = 5
PANEL_DAYS = 14


def panel_items(request):
    items = []
    since = timezone.now() - timedelta(days=PANEL_DAYS)
    threads = services.threads_with_unread(request.user).filter(last_posted_at__gte=since)
    for thread in threads[:PANEL_SIZE]:
        items.append(
            dashboard.PanelItem(
                title=thread.title,
                url=services.thread_url(thread),
                meta=_("%(board)s・%(count)d unread・%(when)s")
                % {
                    "board": thread.board.name,
                    "count": thread.unread_count,
                    "when": date_format(localtime(thread.last_posted_at), "DATETIME_FORMAT"),
                },
            )
        )
    return items


def register():
    dashboard.register_panel(
        dashboard.DashboardPanel(
            key="bulletin.conference_new_posts",
            title=gettext_lazy("New posts"),
            order=15,
            items=panel_items,
            empty_message=gettext_lazy("You have read every post of your boards."),
            more_url="bulletin:boards",
            more_label=gettext_lazy("E-conference room"),
        )
    )
