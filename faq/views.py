from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intranet.visibility import visible_pages

from .export import public_faq_rows, to_json, write_csv
from .forms import FeedbackForm
from .models import FaqFeedback, FaqIndexPage, FaqPage


def faq_home_for(user):
    """The first FAQ home page the user may open, wherever the IT desk put it in the page tree."""
    return visible_pages(user, FaqIndexPage.objects.live()).order_by("depth", "path").first()


def faq_home_url(user):
    """The menu's FAQ address: the FAQ home page itself, so the menu can mark it as current."""
    home = faq_home_for(user)
    return home.url if home is not None else None


def faq_home(request):
    """The first FAQ home page, wherever the IT desk put it in the page tree."""
    home = faq_home_for(request.user)
    if home is None:
        raise Http404(_("The FAQ has not been set up yet."))
    return redirect(home.url)


def export_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="faqs.csv"'
    write_csv(public_faq_rows(), response)
    return response


def export_json(request):
    return HttpResponse(to_json(public_faq_rows()), content_type="application/json; charset=utf-8")


@require_POST
def feedback(request, page_id):
    """Record or change this staff member's vote on an FAQ, then go back to it."""
    page = get_object_or_404(visible_pages(request.user, FaqPage.objects.live()), pk=page_id)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        FaqFeedback.objects.update_or_create(
            page=page,
            user=request.user,
            defaults={
                "helpful": form.cleaned_data["helpful"],
                "comment": form.cleaned_data["comment"],
            },
        )
        messages.success(request, _("Thank you for your feedback."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(page.url + "#feedback")
