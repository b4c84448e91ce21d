import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        error_messages={"required": _("Choose yes or no.")},
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class QuestionForm(forms.Form):
    question = forms.CharField(
        label=_("Your question"),
        max_length=200,
        error_messages={
            "required": _("Write your question."),
            "max_length": _(
                "Keep the question to %(limit_value)d characters; put the rest in the details."
            ),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    details = forms.CharField(
        label=_("Details (optional)"),
        help_text=_("What you tried, the message on the screen, the system's name."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean_question(self):
        # One line of text: control characters go, runs of white space become one space.
        text = "".join(c for c in self.cleaned_data["question"] if unicodedata.category(c) != "Cc")
        question = " ".join(text.split())
        if not question:
            raise forms.ValidationError(_("Write your question."))
        return question
