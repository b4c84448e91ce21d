"""The FAQ's images and documents: one collection, curated by the IT desk, read by all staff.

An answer shows images and links documents (``AnswerBlock``); they live in
the FAQ's own collection, which is the only one the IT desk manages in the
Wagtail admin. Every staff member reads the FAQ, so every staff member may
download its files.

Wagtail counts "delete" as "change" for documents and images (a delete
permission alone changes nothing), so whoever may change the FAQ's files may
also delete them; Wagtail warns before deleting a file an answer still uses.
"""

from intranet import files, roles

COLLECTION_NAME = "FAQの画像・資料"
CURATE = (
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
)


def collection():
    return files.collection(COLLECTION_NAME)


def may_download(user, item):
    """The FAQ is for every staff member (``files.may_download`` has checked the login)."""
    return user.is_authenticated


def register():
    files.register_owner(COLLECTION_NAME, may_download)
    for role in (roles.IT_DESK, roles.IT_DESK_LEAD):
        roles.grant_collection(role, CURATE, collection=collection)
