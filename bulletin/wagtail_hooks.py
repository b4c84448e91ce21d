from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Collection

from . import attachments
from .admin import NoticeCategoryViewSet
from .conference.admin import BoardViewSet
from .conference.services import HIDE_ACTION, UNHIDE_ACTION


@hooks.register("register_admin_viewset")
def register_notice_category_viewset():
    return NoticeCategoryViewSet("notice_categories")


@hooks.register("register_admin_viewset")
def register_board_viewset():
    return BoardViewSet("conference_boards")


@hooks.register("register_log_actions")
def register_conference_log_actions(actions):
    actions.register_action(HIDE_ACTION, _("Hide post"), _("Post hidden by a moderator"))
    actions.register_action(
        UNHIDE_ACTION, _("Show hidden post again"), _("Hidden post shown again by a moderator")
    )


@hooks.register("construct_document_chooser_queryset")
def keep_notice_attachments_out_of_the_chooser(documents, request):
    # By collection, which Wagtail's document search can filter on.
    collection = Collection.objects.filter(name=attachments.COLLECTION_NAME).first()
    return documents if collection is None else documents.exclude(collection=collection)
