"""The IT desk's 質問箱 in the Wagtail admin: reply to a question or turn it into an FAQ.

Replying notifies the asker at once. Turning a question into an FAQ creates a
draft FaqPage, prefilled with the question, in the category the IT desk picks;
the draft then goes through the usual review workflow, and the asker is
notified when it is published (``faq.signals``).
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.rich_text import RichText

from .csv_import import slug_for
from .models import FaqIndexPage, FaqPage, OpenQuestion
from .text import plain_text_to_html


class QuestionEditView(generic.EditView):
    """Saving a reply marks the question answered; a reply or a closing notifies the asker."""

    def save_instance(self):
        question = self.form.instance
        replied = "reply" in self.form.changed_data and question.reply.strip()
        closed = (
            "status" in self.form.changed_data and question.status == OpenQuestion.Status.CLOSED
        )
        if replied:
            question.status = OpenQuestion.Status.ANSWERED
        if replied or closed:
            question.answered_by = self.request.user
            question.answered_at = timezone.now()
        question = super().save_instance()
        if replied or closed:
            question.notify_asker()
        return question

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.object.faq_page_id is None:
            buttons.append(
                HeaderButton(
                    _("Turn into an FAQ"),
                    url=reverse("faq_questions:convert", args=[self.object.pk]),
                    icon_name="doc-full",
                )
            )
        return buttons


class OpenQuestionViewSet(ModelViewSet):
    model = OpenQuestion
    url_prefix = "faq-questions"
    name = "faq_questions"
    icon = "help"
    menu_label = gettext_lazy("Open questions")
    menu_order = 210
    add_to_admin_menu = True
    edit_view_class = QuestionEditView
    list_display = ["question", "asker", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["question", "details", "reply"]
    panels = [
        FieldPanel("question", read_only=True),
        FieldPanel("details", read_only=True),
        FieldPanel("asker", read_only=True),
        FieldPanel("reply"),
        FieldPanel("status"),
        FieldPanel("faq_page", read_only=True),
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("convert/<int:pk>/", convert_to_faq, name="convert"),
        ]


class CategoryForm(forms.Form):
    category = forms.ModelChoiceField(
        label=gettext_lazy("Category"),
        queryset=FaqIndexPage.objects.order_by("path"),
        empty_label=None,
        error_messages={"invalid_choice": gettext_lazy("Choose a category from the list.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Indent each category by its depth so the tree shows in the list.
        self.fields["category"].label_from_instance = lambda page: (
            "　" * max(page.depth - 3, 0) + str(page.title)
        )


def convert_to_faq(request, pk):
    """Create a draft FAQ from an open question and open it in the page editor."""
    if not request.user.has_perm("faq.change_openquestion"):
        raise PermissionDenied
    question = get_object_or_404(OpenQuestion, pk=pk)
    if question.faq_page_id:
        return redirect("wagtailadmin_pages:edit", question.faq_page_id)
    form = CategoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        category = form.cleaned_data["category"]
        if not category.permissions_for_user(request.user).can_add_subpage():
            raise PermissionDenied
        page = draft_faq_for(question, category, request.user)
        messages.success(
            request,
            _(
                "A draft FAQ was created from the question. "
                "Write the answer and submit it for review."
            ),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "faq/admin/convert_question.html",
        {"question": question, "form": form, "page_title": _("Turn into an FAQ")},
    )


def draft_faq_for(question, category, user):
    """An unpublished FaqPage under ``category`` with the question as its title.

    The answer starts with the IT desk's reply, if it wrote one, or empty; never
    with the asker's own words. A draft may be saved without an answer, but
    Wagtail's editor refuses to submit or publish one whose answer is empty.
    """
    slug = slug_for(question.question)
    if category.get_children().filter(slug=slug).exists():
        slug = f"{slug}-{question.pk}"
    reply = question.reply.strip()
    page = FaqPage(
        title=question.question,
        slug=slug,
        answer=[("paragraph", RichText(plain_text_to_html(reply)))] if reply else [],
        live=False,
        owner=user,
    )
    category.add_child(instance=page)
    page.save_revision(user=user, log_action=True, clean=False)
    question.faq_page = page
    question.save(update_fields=["faq_page"])
    return page
