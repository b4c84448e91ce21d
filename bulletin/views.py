"""The bulletin board's screens: the board, a notice, sending, confirming, who has confirmed."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Max, Q, prefetch_related_objects
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from intranet import csv_export, files

from . import rules, services
from .conference.services import display_name
from .forms import BoardFilterForm, NoticeForm, WithdrawForm
from .models import Notice, NoticeAttachment, NoticeAttachmentVersion, NoticeRead
from .publishing import publish_draft, save_notice

PAGE_SIZE = 30
STAFF_PAGE_SIZE = 100


def add_my_status(notices, user):
    """Mark each notice of a page with my read and confirmation, whether it has files,
    and when one of them was last replaced (「添付ファイル更新」).

    Two queries for the page, after it is cut: as subqueries in the listing
    they would run for every notice on the board before the sort picks 30.
    """
    ids = [notice.pk for notice in notices]
    mine = {
        notice_id: confirmed_at
        for notice_id, confirmed_at in NoticeRead.objects.filter(
            user=user, notice_id__in=ids
        ).values_list("notice_id", "confirmed_at")
    }
    with_files = dict(
        NoticeAttachment.objects.filter(notice_id__in=ids)
        .values("notice_id")
        .annotate(replaced_at=Max("replaced_at"))
        .values_list("notice_id", "replaced_at")
    )
    for notice in notices:
        notice.my_read = notice.pk in mine
        notice.my_confirmed = mine.get(notice.pk) is not None
        notice.has_attachments = notice.pk in with_files
        notice.attachments_replaced_at = with_files.get(notice.pk)
    return notices


def _listing(request, notices, template, extra=None):
    filters = BoardFilterForm(request.GET or None, user=request.user)
    notices = filters.filter(notices)
    # Categories and senders come in their own small queries: joined, SQLite
    # starts from them and walks every notice of each before it sorts.
    notices = notices.prefetch_related("category", "sender__parent")
    page = Paginator(notices, PAGE_SIZE).get_page(request.GET.get("page"))
    add_my_status(page.object_list, request.user)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "query_string": query.urlencode(),
        "filters": filters,
        "page": page,
        "can_post": rules.can_post(request.user),
        **(extra or {}),
    }
    return render(request, template, context)


def board(request):
    """Notices on the board now: pinned and 緊急 first, then newest."""
    notices = Notice.objects.visible_to(request.user).current().board_order()
    return _listing(request, notices, "bulletin/board.html")


def archive(request):
    """Notices past their display period."""
    notices = Notice.objects.visible_to(request.user).archived().order_by("-starts_at", "-pk")
    return _listing(request, notices, "bulletin/archive.html")


def sent(request):
    """What my section has sent, drafted, scheduled or withdrawn, with its counts against
    the number of staff it was sent to."""
    department = rules.department_of(request.user)
    if department is None:
        raise Http404(_("You do not belong to a department."))
    notices = (
        Notice.objects.filter(sender=department)
        .annotate(
            read_count=Count("reads", distinct=True),
            confirmed_count=Count("reads", filter=Q(reads__confirmed_at__isnull=False)),
        )
        .select_related("category")
        .order_by("-is_draft", "-starts_at", "-pk")
    )
    page = Paginator(notices, PAGE_SIZE).get_page(request.GET.get("page"))
    sizes = services.audience_sizes(page.object_list)
    for notice in page.object_list:
        notice.audience_size = sizes[notice.pk]
    return render(
        request,
        "bulletin/sent.html",
        {"page": page, "department": department, "now": timezone.now()},
    )


def _attachments_with_versions(notice):
    """The notice's files, with their earlier versions (looked up only if one was replaced)."""
    items = list(notice.attachments.all())
    replaced = [item for item in items if item.replaced_at]
    prefetch_related_objects(replaced, "versions")
    return items


def notice_detail(request, pk):
    notice = get_object_or_404(
        Notice.objects.select_related("category", "sender__parent", "posted_by__staff_profile"),
        pk=pk,
    )
    in_audience = rules.reaches(request.user, notice)
    if not in_audience and not rules.can_manage(request.user, notice):
        raise Http404(_("This notice does not exist or is not addressed to you."))
    # A draft's page is its preview: the sending section sees it as readers will.
    if in_audience:
        services.mark_read(notice, request.user)
    my_read = NoticeRead.objects.filter(notice=notice, user=request.user).first()
    context = {
        "notice": notice,
        "my_read": my_read,
        "in_audience": in_audience,
        "can_manage": rules.can_manage(request.user, notice),
        "can_see_confirmations": rules.can_see_confirmations(request.user, notice),
        "attachments": _attachments_with_versions(notice),
        "audience": notice.audience.select_related("department__parent"),
        "archived": notice.is_archived(),
        "preview": notice.is_draft,
    }
    return render(request, "bulletin/notice.html", context)


@require_POST
def confirm_notice(request, pk):
    """「確認しました」: JSON for the page's script, a redirect without it."""
    notice = get_object_or_404(Notice, pk=pk)
    if (
        notice.is_withdrawn
        or not notice.is_out()
        or not notice.requires_confirmation
        or not notice.is_visible_to(request.user)
    ):
        raise Http404(_("This notice does not exist or is not addressed to you."))
    confirmed_at = services.confirm(notice, request.user)
    shown = date_format(timezone.localtime(confirmed_at), "DATETIME_FORMAT")
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse(
            {"confirmed_at": confirmed_at.isoformat(), "message": _("Confirmed (%s)") % shown}
        )
    messages.success(request, _("You have confirmed this notice."))
    return redirect(notice)


def _check_can_post(user):
    if not rules.can_post(user):
        raise PermissionDenied(_("You may not send notices."))


DRAFT, PREVIEW = "draft", "preview"


def _saved_draft(request, notice):
    """After 「下書き保存」 or 「プレビュー」: the draft's page is its preview."""
    if request.POST.get("action") == PREVIEW:
        messages.info(request, _("This is how readers will see the notice. It is not sent yet."))
    else:
        messages.success(request, _("Saved as a draft. Only your section sees it."))
    return redirect(notice)


def _sent_message(request, notice):
    if notice.is_scheduled():
        messages.success(
            request,
            _("The notice will appear on the board on %(when)s.")
            % {"when": date_format(timezone.localtime(notice.starts_at), "DATETIME_FORMAT")},
        )
    else:
        messages.success(request, _("The notice is on the board."))


def _as_draft(request):
    return request.POST.get("action") in (DRAFT, PREVIEW)


def new_notice(request):
    _check_can_post(request.user)
    form = NoticeForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        notice = save_notice(form, request.user, draft=_as_draft(request))
        if notice.is_draft:
            return _saved_draft(request, notice)
        _sent_message(request, notice)
        return redirect(notice)
    return render(request, "bulletin/notice_form.html", {"form": form, "notice": None})


def edit_notice(request, pk):
    notice = get_object_or_404(Notice, pk=pk)
    if not rules.can_manage(request.user, notice):
        raise PermissionDenied(_("Only the sending section may change this notice."))
    if notice.is_withdrawn:
        messages.error(request, _("A withdrawn notice cannot be changed."))
        return redirect(notice)
    form = NoticeForm(
        request.POST or None, request.FILES or None, instance=notice, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        was_draft = notice.is_draft
        notice = save_notice(form, request.user, draft=was_draft and _as_draft(request))
        if notice.is_draft:
            return _saved_draft(request, notice)
        if was_draft:
            _sent_message(request, notice)
        else:
            messages.success(request, _("The notice has been updated."))
        return redirect(notice)
    return render(request, "bulletin/notice_form.html", {"form": form, "notice": notice})


@require_POST
def publish_notice(request, pk):
    """「この内容で送信する」 on a draft's preview."""
    notice = get_object_or_404(Notice, pk=pk)
    if not rules.can_manage(request.user, notice):
        raise PermissionDenied(_("Only the sending section may send this notice."))
    if notice.is_withdrawn or not notice.is_draft:
        return redirect(notice)
    notice = publish_draft(notice, request.user)
    _sent_message(request, notice)
    return redirect(notice)


def withdraw_notice(request, pk):
    notice = get_object_or_404(Notice, pk=pk)
    if not rules.can_manage(request.user, notice):
        raise PermissionDenied(_("Only the sending section may withdraw this notice."))
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            locked = Notice.objects.select_for_update().get(pk=notice.pk)
            if locked.withdrawn_at is None:
                locked.withdrawn_at = timezone.now()
                locked.withdrawn_by = request.user
                locked.save(update_fields=["withdrawn_at", "withdrawn_by", "updated_at"])
        messages.success(request, _("The notice has been withdrawn."))
        return redirect("bulletin:sent")
    return render(request, "bulletin/withdraw.html", {"notice": notice, "form": form})


def _notice_for_confirmations(request, pk):
    notice = get_object_or_404(Notice.objects.select_related("sender__parent", "category"), pk=pk)
    if not rules.can_see_confirmations(request.user, notice):
        raise PermissionDenied(_("Only the sending section and the office see confirmations."))
    return notice


def confirmations(request, pk):
    notice = _notice_for_confirmations(request, pk)
    summary = services.confirmation_summary(notice)
    staff = Paginator(services.staff_by_status(notice), STAFF_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    totals = {
        "staff": sum(row.staff for row in summary),
        "read": sum(row.read for row in summary),
        "confirmed": sum(row.confirmed for row in summary),
    }
    totals["unread"] = totals["staff"] - totals["read"]
    return render(
        request,
        "bulletin/confirmations.html",
        {
            "notice": notice,
            "summary": summary,
            "totals": totals,
            "staff": staff,
            "can_remind": rules.can_manage(request.user, notice)
            and not notice.is_withdrawn
            and notice.is_out(),
            **_last_reminder_context(notice),
        },
    )


def _status_label(profile, notice):
    if profile.has_confirmed:
        return _("Confirmed")
    if profile.has_read:
        return _("Read, not confirmed") if notice.requires_confirmation else _("Read")
    return _("Unread")


def _csv_time(moment):
    """A moment as a spreadsheet reads it (2026-11-26 14:05, Asia/Tokyo); empty when none."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def confirmations_csv(request, pk):
    notice = _notice_for_confirmations(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="notice-{notice.pk}-confirmations.csv"'
    writer = csv_export.writer(response)
    writer.writerow(
        [
            _("Department"),
            pgettext("person", "Name"),
            _("Staff number"),
            _("Status"),
            _("Read at"),
            _("Confirmed at"),
        ]
    )
    for profile in services.staff_by_status(notice).iterator(chunk_size=500):
        writer.writerow(
            [
                str(profile.department),
                profile.full_name,
                profile.staff_number,
                _status_label(profile, notice),
                _csv_time(profile.read_at),
                _csv_time(profile.confirmed_at),
            ]
        )
    return response


def _last_reminder_context(notice):
    last = services.last_reminder(notice)
    return {
        "last_reminder": last,
        "last_reminder_by": display_name(last.sent_by) if last is not None else "",
        "next_reminder_at": services.next_reminder_at(last),
    }


def remind(request, pk):
    """「未確認の全員に催促する」: a page that says to how many, then the reminder itself (POST)."""
    notice = get_object_or_404(Notice, pk=pk)
    if not rules.can_manage(request.user, notice):
        raise PermissionDenied(_("Only the sending section may send reminders."))
    if notice.is_withdrawn or not notice.is_out():
        messages.error(request, _("Reminders go out only for a notice on the board."))
        return redirect("bulletin:confirmations", pk=notice.pk)
    if request.method != "POST":
        recipients = services.reminder_recipients(notice, request.user).count()
        return render(
            request,
            "bulletin/remind.html",
            {"notice": notice, "recipients": recipients, **_last_reminder_context(notice)},
        )
    try:
        count = services.remind_unconfirmed(notice, sender=request.user)
    except services.ReminderTooSoon as refused:
        messages.error(request, _reminder_refusal(refused.last))
    else:
        if count:
            messages.success(request, _("Sent a reminder to %(count)s people.") % {"count": count})
        else:
            messages.info(request, _("Everyone has already confirmed."))
    return redirect("bulletin:confirmations", pk=notice.pk)


def _reminder_refusal(last):
    return _(
        "A reminder already went out on %(date)s (sent by %(name)s). The next one can be "
        "sent from %(next)s."
    ) % {
        "date": date_format(timezone.localtime(last.sent_at), "DATETIME_FORMAT"),
        "name": display_name(last.sent_by),
        "next": date_format(timezone.localtime(services.next_reminder_at(last)), "DATETIME_FORMAT"),
    }


def _notice_for_files(request, pk):
    """The notice whose files are asked for, if this user may see them (404 otherwise)."""
    notice = get_object_or_404(Notice, pk=pk)
    if not rules.can_open(request.user, notice):
        raise Http404(_("This notice does not exist or is not addressed to you."))
    return notice


def attachment(request, pk, attachment_id):
    notice = _notice_for_files(request, pk)
    item = get_object_or_404(
        NoticeAttachment.objects.select_related("document"), pk=attachment_id, notice=notice
    )
    return files.serve(request, item.document, filename=item.file_name)


def attachment_version(request, pk, attachment_id, version_id):
    """An earlier version of a replaced attachment, for the same readers as the current one."""
    notice = _notice_for_files(request, pk)
    version = get_object_or_404(
        NoticeAttachmentVersion.objects.select_related("document"),
        pk=version_id,
        attachment_id=attachment_id,
        attachment__notice=notice,
    )
    return files.serve(request, version.document, filename=version.file_name)
