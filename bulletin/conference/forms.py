"""Forms of the e-conference room.

Post bodies are stored as plain text and escaped when shown (``linebreaks``),
never as HTML: nothing a poster types can become markup on the page.
"""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Board, Post
from ..privacy import PersonalDataCheckedForm

BODY_MAX_LENGTH = 10_000
KEPT_CONTROLS = {"\n", "\t"}


def plain_text(value):
    """Control characters go (line breaks and tabs stay); line ends become \\n."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        c for c in value if c in KEPT_CONTROLS or unicodedata.category(c) not in ("Cc", "Cf")
    ).strip()


def body_field():
    return forms.CharField(
        label=_("Text"),
        max_length=BODY_MAX_LENGTH,
        error_messages={
            "required": _("Write the text of your post."),
            "max_length": _(
                "Keep a post to %(limit_value)d characters (it has %(show_value)d). "
                "Split a long text into several replies."
            ),
        },
        widget=forms.Textarea(attrs={"rows": 8}),
    )


def anonymity_help(board):
    """What the board tells a poster about posting anonymously."""
    if board.anonymity == Board.Anonymity.TRACEABLE:
        return _(
            "Others see 「匿名」 instead of your name. This board's moderators can see who "
            "posted it."
        )
    return _(
        "Others see 「匿名」 instead of your name, and nobody, not even the moderators, can "
        "see who posted it. Because the post is not linked to you, you cannot edit it later."
    )


class PostForm(PersonalDataCheckedForm):
    """What a new thread and a reply share: the text, and anonymity where the board allows it."""

    body = body_field()
    # The board's anonymity as the form showed it: the post is made under that
    # promise or not at all (``services.AnonymityChanged``).
    anonymity_shown = forms.ChoiceField(
        choices=Board.Anonymity.choices, required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.board = board
        self.fields["anonymity_shown"].initial = board.anonymity
        if board.allows_anonymous:
            self.fields["anonymous"] = forms.BooleanField(
                label=_("Post anonymously"), required=False, help_text=anonymity_help(board)
            )

    def shown_anonymity(self):
        """The setting the poster was shown (None from a request that did not say)."""
        return self.cleaned_data.get("anonymity_shown") or None

    def anonymity_changed(self):
        """Say that the board's setting changed under the form, which now shows the new one.

        The text typed stays; the form now carries the new setting, so posting
        again is posting under it.
        """
        self.data = self.data.copy()
        self.data[self.add_prefix("anonymity_shown")] = self.board.anonymity
        self.add_error(
            None,
            _(
                "While you were writing, the board's setting for anonymous posts changed to "
                "「%(setting)s」. Your post has not been saved. Check what the form now says "
                "about anonymity and post again."
            )
            % {"setting": self.board.get_anonymity_display()},
        )

    def clean_body(self):
        body = plain_text(self.cleaned_data["body"])
        if not body:
            raise forms.ValidationError(_("Write the text of your post."))
        return body

    def privacy_text(self, cleaned_data):
        return cleaned_data.get("body", "")


class ThreadForm(PostForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={
            "required": _("Give the thread a title."),
            "max_length": _("Keep the title to %(limit_value)d characters."),
        },
    )

    def clean_title(self):
        title = " ".join(plain_text(self.cleaned_data["title"]).split())
        if not title:
            raise forms.ValidationError(_("Give the thread a title."))
        return title

    def privacy_text(self, cleaned_data):
        return f"{cleaned_data.get('title', '')}\n{cleaned_data.get('body', '')}"


class ReplyForm(PostForm):
    quotes = forms.ModelChoiceField(
        queryset=Post.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": _("A reply can quote only a post of the same thread."),
        },
    )

    def __init__(self, *args, thread, **kwargs):
        super().__init__(*args, board=thread.board, **kwargs)
        self.fields["quotes"].queryset = thread.posts.all()


class EditForm(PersonalDataCheckedForm):
    body = body_field()

    def __init__(self, *args, instance, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = instance  # overrides already recorded for the post still hold

    clean_body = PostForm.clean_body

    def privacy_text(self, cleaned_data):
        return cleaned_data.get("body", "")


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for hiding"),
        max_length=300,
        help_text=_("Shown to the board's moderators and kept in the audit log."),
        error_messages={
            "required": _("Write why the post is hidden."),
            "max_length": _("Keep the reason to %(limit_value)d characters."),
        },
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_reason(self):
        reason = " ".join(plain_text(self.cleaned_data["reason"]).split())
        if not reason:
            raise forms.ValidationError(_("Write why the post is hidden."))
        return reason
