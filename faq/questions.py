"""質問箱 for staff: ask the IT desk when the FAQ does not help, and follow the answer.

Before a question is sent, the asker is shown FAQs that may already answer it;
they send it anyway with a second press. The IT desk's side is in
``faq.admin_views``; notifying the asker is in ``faq.signals``.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

import search
from intranet import privacy
from intranet.visibility import can_view_page

from .forms import QuestionForm
from .models import OpenQuestion

SUGGESTIONS = 5
PAGE_SIZE = 20


def matching_faqs(user, text, limit=SUGGESTIONS):
    """FAQs this user may read that share words with the question, best first.

    None while the search server is down: the question can still be sent.
    """
    return search.find(user, text, types=("faq",), match_any=True, page_size=limit).hits


def ask(request):
    """Write a question; see FAQs that may answer it and any personal data in it; send it."""
    if request.method == "POST":
        form = QuestionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            suggestions = matching_faqs(request.user, data["question"])
            # The asker is warned, not stopped: the question is still theirs to send.
            personal_data = privacy.scan(data["question"]) + privacy.scan(data["details"])
            if (suggestions or personal_data) and not request.POST.get("confirmed"):
                return render(
                    request,
                    "faq/questions/ask.html",
                    {
                        "form": form,
                        "suggestions": suggestions,
                        "personal_data": personal_data,
                        "confirming": True,
                    },
                )
            question = OpenQuestion.objects.create(
                asker=request.user, question=data["question"], details=data["details"]
            )
            messages.success(
                request,
                _(
                    "Your question was sent to the IT desk. "
                    "You will be notified when it is answered."
                ),
            )
            return redirect("questions:detail", pk=question.pk)
    else:
        form = QuestionForm(initial={"question": request.GET.get("q", "")[:200]})
    return render(request, "faq/questions/ask.html", {"form": form})


def my_questions(request):
    questions = OpenQuestion.objects.filter(asker=request.user).select_related("faq_page")
    page = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "faq/questions/list.html", {"page": page})


def detail(request, pk):
    question = get_object_or_404(OpenQuestion.objects.select_related("faq_page"), pk=pk)
    if question.asker_id != request.user.pk and not request.user.has_perm("faq.view_openquestion"):
        raise PermissionDenied
    answer_page = question.faq_page
    if answer_page is not None and not (
        answer_page.live and can_view_page(request.user, answer_page)
    ):
        answer_page = None
    return render(
        request, "faq/questions/detail.html", {"question": question, "answer_page": answer_page}
    )
