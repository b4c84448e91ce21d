"""Reports, reviewers and cases for the incidents tests.

Reports are made through ``incidents.services`` (the one path they take), so
drafts, steps, notifications and anonymity are the real ones.
"""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from incidents import services
from incidents.models import Category, Place, RuleAxis
from intranet import roles
from tests.factories import DepartmentFactory, staff_member


def category(name="誤送付・誤交付"):
    return Category.objects.get_or_create(name=name)[0]


def reporter(department=None, **fields):
    return staff_member(department=department or DepartmentFactory(name="税務課"), **fields)


def head_of(department, **fields):
    return staff_member(roles=[roles.SECTION_HEAD], department=department, **fields)


def office_member(**fields):
    return staff_member(
        roles=[roles.ADMIN_OFFICE], department=DepartmentFactory(name="総務課"), **fields
    )


def report_fields(department, **overrides):
    """Cleaned report fields, as the form hands them to ``services.submit``."""
    now = timezone.now()
    fields = {
        "title": "納税通知書の誤送付",
        "department": department,
        "occurred_at": now - timedelta(days=2),
        "discovered_at": now - timedelta(hours=5),
        "place": Place.POST,
        "category": category(),
        "rule_axis": RuleAxis.NOT_FOLLOWED,
        "level": 1,
        "what_happened": "固定資産税の納税通知書を、別の世帯の封筒に封入して発送した。",
        "why_chain": ["封入時の照合を一人で行った", "繁忙期で二人確認の手順が省かれた"],
        "immediate_action": "受け取った方を訪問して回収し、正しい通知書を届けた。",
        "prevention": "封入は二人で宛名と通知書の番号を照合する。",
        "lessons": "繁忙期ほど二人確認を省かないこと。",
        "residents_affected": True,
        "residents_count": 2,
    }
    fields.update(overrides)
    return fields


def attach(draft, user, name, content):
    """A text file ``name`` holding ``content``, attached to ``user``'s draft."""
    upload = SimpleUploadedFile(name, content.encode("utf-8"), content_type="text/plain")
    return services.attach_to_draft(draft, user, upload, name, name.rsplit(".", 1)[-1])


def submitted_report(user=None, department=None, anonymous=False, attachments=(), **overrides):
    """(report, key): a report sent by ``user`` (a new staff member of ``department``)."""
    user = user or reporter(department)
    department = department or user.staff_profile.department
    draft = services.save_draft(user, {"title": overrides.get("title", "下書き")})
    for name, content in attachments:
        attach(draft, user, name, content)
    return services.submit(draft, user, report_fields(department, **overrides), anonymous=anonymous)


def published_case(report=None, head=None, office=None, **overrides):
    """A report taken through the whole review and published as a case."""
    report = report or submitted_report(**overrides)[0]
    head = head or head_of(report.department)
    office = office or office_member()
    services.confirm_as_head(report, head)
    services.confirm_as_office(report, office)
    report.refresh_from_db()
    return services.publish(report.case, office)
