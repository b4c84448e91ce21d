"""The bulletin board's notices and the e-conference room's boards, threads and posts.

Both are plain models, not Wagtail pages: the board holds tens of thousands
of notices and millions of read records, and a notice is posted by any
section in a form, where a page would cost tens of queries to create.
"""

from .conference import Board, Post, Reaction, Thread, ThreadRead
from .notices import (
    FeedToken,
    MailPreference,
    Notice,
    NoticeAttachment,
    NoticeAttachmentVersion,
    NoticeAudience,
    NoticeCategory,
    NoticeRead,
)
from .reminders import NoticeReminder

__all__ = [
    "Board",
    "FeedToken",
    "MailPreference",
    "Notice",
    "NoticeAttachment",
    "NoticeAttachmentVersion",
    "NoticeAudience",
    "NoticeCategory",
    "NoticeRead",
    "NoticeReminder",
    "Post",
    "Reaction",
    "Thread",
    "ThreadRead",
]
