"""Demo mistakes and near misses: a year of reports, their review, and a dozen published cases.

``load`` is called by ``manage.py load_demo`` after the organisation. The
reports are in ``demo_reports``; each is written by a staff member of its
section and sent through ``services`` like a report sent on screen (about one
in five anonymously, so it names nobody), confirmed by that section's head
and by the office's demo login (``jimukyoku``), and then kept or published
with the office's redacted text. Every step carries its own time, a year back
to today, in order: found after it happened, reported after it was found,
reviewed after it was reported.

The choices (when, who, anonymous or not) are drawn from a seeded generator
over the whole list before anything is written, so each load makes the same
demo, and a report already there (same title in the same section) is left
alone: running it again adds nothing.

Notifications older than a month are withdrawn once the demo is loaded: staff
read and cleared them long ago, and the bell shows what is recent.
"""

import functools
import random
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

import intranet
import search
from intranet import roles
from intranet.models import Department, StaffProfile

from . import categories, rules, services
from .demo_reports import SCENARIOS
from .models import Case, Category, IncidentReport, ReportAttachment

# How many of the demo's reports to make; None: all of them. Tests that load the
# demo for other apps make a few (tests/conftest.py); the ones with a role in the
# demo (overdue, sent back, published …) come first.
REPORTS = None

SEED = 19
ANONYMOUS_SHARE = 0.2
# Level 0–1 reports of the last days still wait for their section head (within the deadline).
RECENT_DAYS = 6
OFFICE_LOGIN = "jimukyoku"
NOTIFICATIONS_KEPT_FOR = timedelta(days=30)

RETURN_COMMENT = (
    "「なぜ」の二つ目から先が書かれていません。古い説明メモを使った理由まで掘り下げて、"
    "直してから出し直してください。"
)
RESENT_COMMENT = "処理が止まった理由を、担当者の休みの間の体制まで書いてください。"
RESENT_WHY = (
    "受け付けた認定請求の書類を個人の机に置いたままにし、処理の進み具合を管理する表に載せていなかった。",
    "担当者が二週間休んだ間、代わりに処理する人が決まっていなかった。",
    "係で休みの予定を共有し、代わりの担当を決める習慣がなかった。",
    "処理の期限が近い書類を知らせる仕組みがなかった。",
)
QUESTIONS = {
    "question": (
        "事務局です。書類を持ち出した際の持ち出し簿への記入はありましたか。",
        "持ち出し簿には記入していましたが、枚数の欄は空欄でした。",
    ),
    "asked": (
        "事務局です。写真が必要なことは、窓口の案内文には書かれていましたか。",
        "",
    ),
}
HEAD_COMMENTS = (
    "",
    "課内の朝礼で共有しました。",
    "手順書を直したことを確認しました。",
    "",
    "同じ作業をする係にも伝えました。",
)
ATTACHMENTS = {
    "public_attachment": (
        "封入作業の照合手順.pdf",
        "封入作業の照合手順\n"
        "1. 印刷した通知書の枚数と封筒の枚数を数え、一致することを確かめる。\n"
        "2. 二人一組で、宛名と通知書の番号を声に出して読み上げる。\n"
        "3. 窓あき封筒に入れ、宛名が窓から見えることを確かめる。\n"
        "4. 封をする前に、別の職員が十通に一通を抜き取って照合する。\n"
        "5. 作業が途切れたときは、その前後の束を最初から照合し直す。",
    ),
    "attachment": (
        "電話応対の記録.txt",
        "電話応対の記録\n"
        "問い合わせ：就学援助の申請に必要な書類について\n"
        "回答：所得証明書が必要と説明した（誤り）\n"
        "翌日の課内確認：市で所得を確認できるため不要\n"
        "対応：電話で訂正し、おわびした\n",
    ),
}


@dataclass
class Plan:
    """One demo report: what it says and, drawn in advance, when, by whom and how it went."""

    scenario: object
    variant: object
    number: int
    occurred_at: object
    discovered_at: object
    reported_at: object
    head_at: object
    office_at: object
    decided_at: object
    anonymous: bool
    reporter_pick: int
    head_comment: str

    @property
    def role(self):
        return self.variant.role

    def text(self, template):
        return template.format(**self.variant.values)

    @property
    def title(self):
        return self.text(self.scenario.title)


def load(stdout=None, *, now=None):
    now = now or timezone.now()
    if not Department.objects.filter(code="310").exists():
        if stdout is not None:
            stdout.write("ミス・ヒヤリハット：デモの組織がないため、読み込みを省略しました。")
        return
    _heads_of.cache_clear()
    categories.ensure_defaults()
    office = office_member()
    plans = chosen(plan_all(now))
    try:
        with transaction.atomic(), search.deferred_indexing():
            made = [report for plan in plans if (report := load_report(plan, office, now))]
            services.flag_overdue(now)
            forget_old_notifications(made, office, now)
    finally:
        _heads_of.cache_clear()
    if stdout is not None:
        published = Case.objects.filter(published_at__isnull=False).count()
        stdout.write(
            f"ミス・ヒヤリハット：報告{len(made)}件を追加しました"
            f"（報告は合計{IncidentReport.objects.count()}件、公開事例{published}件）。"
        )


def chosen(plans):
    """All plans, or the first ``REPORTS`` of them: those with a part to play first."""
    if REPORTS is None:
        return plans
    ranked = sorted(plans, key=lambda p: (not (p.role or p.variant.publish), p.number))
    return sorted(ranked[:REPORTS], key=lambda p: p.number)


# --- when, and who --------------------------------------------------------

# Days before today that reports with a part to play happened: recent enough for their state.
ROLE_DAYS = {"overdue": 3, "returned": 5, "asked": 12, "question": 40, "resent": 70}


def plan_all(now):
    """A ``Plan`` for every variant, drawn from the seeded generator in a fixed order."""
    rng = random.Random(SEED)
    now = now.replace(second=0, microsecond=0)  # demo times fall on whole minutes
    variants = [(s, v) for s in SCENARIOS for v in s.variants]
    published = [i for i, (_s, v) in enumerate(variants) if v.publish and not v.role]
    regular = [i for i, (_s, v) in enumerate(variants) if not v.publish and not v.role]
    days = {}
    # Published cases happened 45 days to a year ago; the rest over the whole year, a few
    # more of them lately (the reports still under review).
    for indexes, first, last, skew in ((published, 45, 350, 1), (regular, 1, 360, 1.5)):
        order = indexes[:]
        rng.shuffle(order)
        for position, index in enumerate(order):
            share = (position + rng.uniform(0.1, 0.9)) / len(order)
            days[index] = first + (last - first) * share**skew
    undecided = [i for i, (_s, v) in enumerate(variants) if v.anonymous is None]
    forced = sum(1 for _s, v in variants if v.anonymous)
    anonymous = set(rng.sample(undecided, round(len(variants) * ANONYMOUS_SHARE) - forced))
    plans = []
    for number, (scenario, variant) in enumerate(variants):
        ago = ROLE_DAYS.get(variant.role, days.get(number, 60 + number))
        plan = timeline(rng, number, scenario, variant, ago, now)
        plan.anonymous = bool(variant.anonymous) or number in anonymous
        plans.append(plan)
    return plans


def working_moment(now, days_ago, rng):
    """A moment on a working day about ``days_ago`` days before ``now``, in office hours."""
    local = timezone.localtime(now) - timedelta(days=days_ago)
    while local.weekday() >= 5 or is_year_end(local):
        local -= timedelta(days=1)
    return local.replace(hour=rng.randint(9, 16), minute=rng.randrange(0, 60, 5), second=0)


def is_year_end(moment):
    """29 December to 3 January: the office is closed."""
    return (moment.month, moment.day) >= (12, 29) or (moment.month, moment.day) <= (1, 3)


def timeline(rng, number, scenario, variant, days_ago, now):
    occurred = working_moment(now, days_ago, rng)
    if variant.level == 0:
        found_after = timedelta(minutes=rng.randint(5, 180))
    else:
        found_after = timedelta(hours=rng.choice((1, 3, 20, 26, 50, 75)))
    discovered = min(occurred + found_after, now - timedelta(hours=2))
    # Within the review deadline (``deadlines``): only the overdue report misses it.
    if variant.level >= 3:
        report_after, review_after = (1, 2, 4), (3, 8, 18)
    elif variant.level == 2:
        report_after, review_after = (1, 2, 4, 20), (3, 20, 26, 48)
    else:
        report_after, review_after = (1, 2, 4, 20), (3, 20, 26, 48, 70, 96, 120)
    reported = min(discovered + timedelta(hours=rng.choice(report_after)), now - timedelta(hours=1))
    if variant.role == "overdue":  # sent late and not yet confirmed: the flag shows
        discovered, reported = now - timedelta(days=3), now - timedelta(days=2, hours=2)
        occurred = discovered - timedelta(hours=5)
    head = reported + timedelta(hours=rng.choice(review_after))
    if days_ago < RECENT_DAYS and variant.level <= 1:
        head = max(head, now + timedelta(hours=1))  # still before its section head
    office = head + timedelta(days=rng.randint(3, 14), hours=rng.randint(1, 6))
    decided = office + timedelta(days=rng.randint(3, 20), hours=rng.randint(1, 6))
    return Plan(
        scenario=scenario,
        variant=variant,
        number=number,
        occurred_at=occurred,
        discovered_at=discovered,
        reported_at=reported,
        head_at=head,
        office_at=office,
        decided_at=decided,
        anonymous=False,
        reporter_pick=rng.randrange(1000),
        head_comment=rng.choice(HEAD_COMMENTS),
    )


def office_member():
    users = get_user_model().objects.filter(is_active=True)
    return (
        users.filter(username=OFFICE_LOGIN).first()
        or users.filter(groups__name=roles.ADMIN_OFFICE).order_by("pk").first()
    )


@functools.cache
def _heads_of(department_pk):
    return tuple(rules.heads_to_notify(Department.objects.get(pk=department_pk)))


def heads_of(department):
    """The section heads who review ``department``'s reports (looked up once per load)."""
    return _heads_of(department.pk)


def reporter_for(department, pick, username=""):
    """A staff member of ``department`` who is not its head: ``username``, or ``pick``'s."""
    staff = list(
        StaffProfile.objects.filter(department=department, user__is_active=True)
        .exclude(user__groups__name=roles.SECTION_HEAD)
        .select_related("user")
        .order_by("staff_number")
    )
    named = [profile.user for profile in staff if profile.user.username == username]
    return named[0] if named else staff[pick % len(staff)].user if staff else None


# --- the report's way -----------------------------------------------------


def report_fields(plan, department):
    scenario, variant = plan.scenario, plan.variant
    return {
        "title": plan.title,
        "department": department,
        "occurred_at": plan.occurred_at,
        "discovered_at": plan.discovered_at,
        "place": scenario.place,
        "category": Category.objects.get(name=scenario.category),
        "rule_axis": scenario.rule_axis,
        "level": variant.level,
        "what_happened": plan.text(scenario.what),
        "why_chain": [plan.text(step) for step in scenario.why],
        "immediate_action": plan.text(scenario.action),
        "prevention": plan.text(scenario.prevention),
        "lessons": plan.text(scenario.lessons),
        "residents_affected": variant.residents > 0,
        "residents_count": variant.residents or None,
    }


def load_report(plan, office, now):
    """Make the report ``plan`` describes and take it as far as its times allow; None if there."""
    department = Department.objects.get(code=plan.variant.department)
    if IncidentReport.objects.filter(title=plan.title, department=department).exists():
        return None
    writer = reporter_for(department, plan.reporter_pick, plan.variant.reporter)
    heads = heads_of(department)
    if writer is None or not heads or office is None:
        return None
    head = heads[0]
    fields = report_fields(plan, department)
    draft = services.save_draft(writer, {"title": plan.title})
    if plan.role in ATTACHMENTS:
        attach(draft, writer, *ATTACHMENTS[plan.role])
    report, key = services.submit(
        draft, writer, fields, anonymous=plan.anonymous, now=plan.reported_at
    )
    if plan.role in ATTACHMENTS:
        # The text the guard reads before a public file goes out with its case.
        _name, text = ATTACHMENTS[plan.role]
        ReportAttachment.objects.filter(report=report).update(
            text=text, text_read=True, public=plan.role == "public_attachment"
        )
    reporter = {"user": None, "key": key} if plan.anonymous else {"user": writer}
    if plan.role == "overdue":
        return report
    if plan.role == "returned":
        returned_at = min(plan.head_at, now - timedelta(minutes=30))
        services.send_back(report, head, RETURN_COMMENT, now=returned_at)
        return report
    if plan.role == "resent":
        services.send_back(report, head, RESENT_COMMENT, now=plan.reported_at + timedelta(hours=3))
        fields["why_chain"] = list(RESENT_WHY)
        resent_at = plan.reported_at + timedelta(hours=20)
        services.resubmit(
            report, fields, comment="「なぜ」を書き足しました。", now=resent_at, **reporter
        )
        plan.head_at = max(plan.head_at, resent_at + timedelta(hours=3))
    if plan.head_at > now:
        return report
    services.confirm_as_head(report, head, plan.head_comment, now=plan.head_at)
    if plan.role in QUESTIONS:
        ask_and_answer(report, office, plan, reporter, now)
        if plan.role == "asked":
            return report
    if plan.office_at > now:
        return report
    services.confirm_as_office(report, office, now=plan.office_at)
    if plan.decided_at > now:
        return report
    if plan.variant.publish:
        publish(report, office, plan)
    else:
        services.keep_private(report, office, now=plan.decided_at)
    return report


def attach(draft, writer, name, text):
    """Attach a small file to the draft, as the form does: a PDF made from ``text``, or the text."""
    kind = name.rsplit(".", 1)[-1]
    if kind == "pdf":
        from materials.file_builders import pdf_bytes

        content = pdf_bytes([text], title=name.rsplit(".", 1)[0])
    else:
        content = text.encode("utf-8")
    upload = SimpleUploadedFile(name, content)
    services.attach_to_draft(draft, writer, upload, name, kind)


def ask_and_answer(report, office, plan, reporter, now):
    question, answer = QUESTIONS[plan.role]
    asked_at = min(plan.head_at + timedelta(days=1), now - timedelta(hours=5))
    services.ask_reporter(report, office, question, now=asked_at)
    if answer:
        services.answer(report, answer, now=asked_at + timedelta(hours=4), **reporter)
    # The office confirms once it has the answer.
    plan.office_at = max(plan.office_at, asked_at + timedelta(days=1))
    plan.decided_at = max(plan.decided_at, plan.office_at + timedelta(days=3))


def publish(report, office, plan):
    """Redact the case the office's confirmation started, then publish it."""
    case = Case.objects.get(report=report)
    scenario, variant = plan.scenario, plan.variant
    if scenario.public_title:
        case.title = plan.text(scenario.public_title)
    if scenario.public_what:
        case.what_happened = plan.text(scenario.public_what)
    # Serious cases go out without the section; the day only where no resident was involved.
    if variant.level >= 4:
        case.department = None
    if variant.residents:
        case.date_precision = Case.DatePrecision.MONTH
    else:
        case.date_precision = Case.DatePrecision.DAY
        case.occurred_on = timezone.localtime(report.occurred_at).date()
    case.edited_by = office
    case.save()
    services.publish(case, office, now=plan.decided_at)


def forget_old_notifications(reports, office, now):
    """Withdraw the notifications of reports sent over a month ago: long read and cleared."""
    users = get_user_model().objects.filter(groups__name=roles.ADMIN_OFFICE).distinct()
    office_ids = set(users.values_list("pk", flat=True)) | {office.pk}
    for report in reports:
        if report.reported_at > now - NOTIFICATIONS_KEPT_FOR:
            continue
        recipients = office_ids | {head.pk for head in heads_of(report.department)}
        if report.reporter_id:
            recipients.add(report.reporter_id)
        for user_id in recipients:
            intranet.withdraw_notifications(user_id, report.get_absolute_url())
