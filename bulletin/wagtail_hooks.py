from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .conference.admin import BoardViewSet
from .conference.services import HIDE_ACTION


@hooks.register("register_admin_viewset")
def register_board_viewset():
    return BoardViewSet("conference_boards")


@hooks.register("register_log_actions")
def register_conference_log_actions(actions):
    actions.register_action(HIDE_ACTION, _("Hide post"), _("Post hidden by a moderator"))
