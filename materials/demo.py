"""Demo meeting materials, form templates and statistics tables, made as real files.

``load`` is called by ``manage.py load_demo`` after the organisation. It
adds four meeting series (庁内調整会議, 部長会議, 課長会議, 情報化推進委員会)
with the sittings of the last twelve months, their agendas, minutes and
materials, and the 様式集 and 統計・資料 libraries. The files are real PDF,
Word, Excel and PowerPoint documents (and one Shift_JIS CSV) made from the
city's ICT policy and the Tokyo Metropolitan Assembly's minutes in
``demo_data/``; each is uploaded through ``services.add_material`` by a
staff member of the owning department, like an upload on screen.

Running it again adds nothing: a series' sittings are made only while it has
none, and a library document only while its category has none of that title.

Text extraction normally waits for the task worker; the demo reads every file
at once (``reading.read_version``) so that the search finds what is inside the
files as soon as ``make run`` has started. ``DEMO_PDF_PHRASE`` is written only
on page ``DEMO_PDF_PHRASE_PAGE`` of the policy PDF (in no title or
description), so a search for it shows that the text of the file is searched.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from intranet.models import Department, StaffProfile

from . import file_builders, publication, reading, services
from .demo_data import (
    POLICY_TITLE,
    paginate,
    policy_chapters,
    policy_lines,
    policy_sections,
    sitting_title,
    speech,
)
from .demo_data.plans import (
    FORM_CATEGORIES,
    FORMS,
    REFERENCE_CATEGORIES,
    SERIES,
    TABLES,
)
from .models import (
    AgendaItem,
    Library,
    LibraryCategory,
    Material,
    Meeting,
    MeetingSeries,
)

DEMO_PDF_PHRASE = "庁内ナレッジ棚卸し週間"
DEMO_PDF_PHRASE_PAGE = 12
DEMO_PDF_NOTE = (
    "事務局注記：会議資料の共有化に合わせ、毎年10月の第2週を「庁内ナレッジ棚卸し週間」とし、"
    "各課の共有フォルダに残る過去の会議資料をイントラネットへ移します。"
)


# How many of each series' latest sittings to make; None: the whole year. Tests that
# load the demo for every test make fewer (tests/conftest.py, ``small_demo``).
SITTINGS_PER_SERIES = None


def load(stdout=None, *, today=None):
    today = today or timezone.localdate()
    if not Department.objects.filter(code="120").exists():
        if stdout is not None:
            stdout.write("会議資料：デモの組織がないため、読み込みを省略しました。")
        return
    with transaction.atomic():
        meetings = sum(load_series(plan, order, today) for order, plan in enumerate(SERIES))
        documents = load_libraries()
    if stdout is not None:
        stdout.write(
            f"会議資料：会議{meetings}件、様式・統計資料{documents}件を追加しました"
            f"（資料は合計{Material.objects.count()}件）。"
        )


# --- who ------------------------------------------------------------------


def section(code):
    return Department.objects.get(code=code)


def uploader(department):
    """Who uploads for a department: 事務局's demo login for 行政管理課, else a 主査 there."""
    staff = StaffProfile.objects.filter(department=department).select_related("user")
    profile = (
        staff.filter(user__username="jimukyoku").first()
        or staff.filter(job_title="主査").order_by("staff_number").first()
        or staff.order_by("staff_number").first()
    )
    return profile.user


def members(rule):
    """The staff who sit on a series: department heads, section heads, or the IT committee."""
    users = get_user_model().objects.filter(staff_profile__isnull=False)
    if rule == "bu_heads":
        return users.filter(staff_profile__job_title="部長")
    if rule == "ka_heads":
        return users.filter(staff_profile__job_title="課長")
    return users.filter(username__in=("itlead", "sysadmin")) | users.filter(
        staff_profile__job_title="課長", staff_profile__department__code__in=("120", "130", "210")
    )


# --- when -----------------------------------------------------------------


def nth_weekday(year, month, week, weekday):
    first = datetime.date(year, month, 1)
    day = first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (week - 1))
    return day if day.month == month else day - datetime.timedelta(days=7)


def sittings(plan, today):
    """[(date, fiscal year, number in that year)] of the last twelve months, oldest first."""
    start = today - datetime.timedelta(days=365)
    found = []
    year, month = start.year, start.month
    while (year, month) <= (today.year, today.month):
        if month in plan.months:
            day = nth_weekday(year, month, plan.week, plan.weekday)
            if start <= day < today:
                fiscal_year = year if month >= 4 else year - 1
                turn = (month - 4) % 12
                number = sum(1 for m in plan.months if (m - 4) % 12 <= turn)
                found.append((day, fiscal_year, number))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def meeting_title(fiscal_year, number):
    era = fiscal_year - 2018
    return f"令和{'元' if era == 1 else era}年度第{number}回"


# --- files ----------------------------------------------------------------


def section_pages(key):
    """The pages of a chapter-4 section: its 概要, 現状 and 目標, one heading each."""
    found = policy_sections()[key]
    pages = []
    for heading, lines in found.blocks().items():
        for number, text in enumerate(paginate(lines)):
            pages.append((f"{found.title}【{heading}】" + ("（続き）" if number else ""), text))
    return found, pages


def goal_rows(keys=None):
    rows = [["取組み項目", "目標", "内容", "担当課", "進捗"]]
    from .demo_data.plans import SECTION_OWNERS

    names = dict(Department.objects.values_list("code", "name"))
    states = ("実施中", "検討中", "達成", "継続")
    for key, found in policy_sections().items():
        if keys and key not in keys:
            continue
        for number, (goal, text) in enumerate(found.goals()):
            rows.append(
                [
                    found.title,
                    goal,
                    text,
                    names.get(SECTION_OWNERS[key], ""),
                    states[(number + len(goal)) % len(states)],
                ]
            )
    return rows


def policy_pages():
    """The whole policy, a cover first; the 事務局's note on page ``DEMO_PDF_PHRASE_PAGE``."""
    pages = [f"{POLICY_TITLE}\n\n河内長野市\n平成22年2月策定\n平成30年5月改訂\n\n庁内調整会議資料"]
    pages += paginate(policy_lines())
    pages[DEMO_PDF_PHRASE_PAGE - 1] += "\n\n" + DEMO_PDF_NOTE
    return pages


def chapter_pages(index):
    title, lines = policy_chapters()[index]
    return title, [(title, text) for text in paginate(lines, size=700)]


def speech_pages(refs):
    pages = []
    for file_name, number, keyword in refs:
        quoted = speech(file_name, number, keyword)
        pages.append((f"{sitting_title(file_name)} {quoted.speaker}", quoted.text))
    return pages


def build(kind, source, title):
    """(bytes, extension) of the file a paper is made from."""
    what = source[0]
    if what == "sheets":
        return make(kind, sheets=source[1])
    if what == "cp932":
        return source[1].encode("cp932"), "csv"
    if what == "goals":
        return make(kind, sheets={"目標一覧": goal_rows()})
    if what == "slides":
        return make(kind, pages=list(source[1]))
    if what == "policy":
        return make(kind, pages=[(None, page) for page in policy_pages()], title=title)
    if what == "section":
        found, pages = section_pages(source[1])
        if kind == "xlsx":
            return make(kind, sheets={"進捗管理表": goal_rows({source[1]})})
        heading = f"{found.division}\n{found.title}"
        return make(kind, pages=[(heading, "")] + pages, title=title)
    if what == "chapter":
        _title, pages = chapter_pages(source[1])
        return make(kind, pages=pages, title=title)
    if what == "speeches":
        return make(kind, pages=[(title, "出典：東京都議会会議録")] + speech_pages(source[1]))
    if what == "text":
        lines = source[1]
        return make(kind, pages=[(lines[0], "\n".join(lines[1:]))], title=title)
    raise ValueError(what)


def make(kind, pages=(), sheets=None, title=""):
    """One file of ``kind`` from pages of (heading, text), or from sheets of rows."""
    if kind == "pdf":
        joined = [f"{heading}\n\n{text}" if heading else text for heading, text in pages]
        return file_builders.pdf_bytes(joined, title=title), kind
    if kind == "docx":
        paragraphs = []
        for heading, text in pages:
            if heading:
                paragraphs.append(heading)
            paragraphs += [line for line in text.splitlines() if line]
        return file_builders.docx_bytes(paragraphs), kind
    if kind == "pptx":
        return file_builders.pptx_bytes([(heading or "", text) for heading, text in pages]), kind
    if kind == "xlsx":
        return file_builders.xlsx_bytes(sheets), kind
    raise ValueError(kind)


def upload(title, kind, source):
    content, extension = build(kind, source, title)
    return SimpleUploadedFile(f"{title}.{extension}", content)


def read_now(material, version_id=None):
    """Read the file's text here and now (the worker would do it later); reading indexes it.

    The demo's own files are read in this process, not a child's.
    """
    reading.read_version(version_id or material.current_id, isolate=False)
    material.refresh_from_db()
    return material


# --- meetings -------------------------------------------------------------


def load_series(plan, order, today):
    """The series and, while it has none, its sittings of the last twelve months."""
    series, created = MeetingSeries.objects.get_or_create(
        name=plan.name,
        defaults={
            "secretary_department": section(plan.secretary),
            "description": plan.description,
            "sort_order": order,
        },
    )
    if created:
        series.attending_departments.set(Department.objects.filter(code__in=plan.attending))
        series.members.set(members(plan.members))
    if series.meetings.exists():
        return 0
    secretary = uploader(series.secretary_department)
    dates = sittings(plan, today)
    if SITTINGS_PER_SERIES is not None:
        dates = dates[-SITTINGS_PER_SERIES:]
    for index, (day, fiscal_year, number) in enumerate(dates):
        agendas = plan.meetings[(index - len(dates)) % len(plan.meetings)]
        add_meeting(series, plan, secretary, day, meeting_title(fiscal_year, number), agendas)
    return len(dates)


def section_agenda(agenda, paper):
    """Agendas and papers on a policy section are titled after it."""
    found = policy_sections()[paper.source[1]]
    title = f"「{found.title}」の取組状況について"
    return title, f"{found.title}（取組状況）"


def add_meeting(series, plan, secretary, day, title, agendas):
    held_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(*plan.hour)))
    meeting = Meeting.objects.create(
        series=series,
        title=title,
        held_at=held_at,
        place=plan.place,
        created_by=secretary,
    )
    names = dict(Department.objects.values_list("code", "name"))
    minutes = [f"出席：{'、'.join(names[code] for code in plan.attending)}の代表者"]
    for number, agenda in enumerate(agendas, start=1):
        agenda_title = agenda.title
        if not agenda_title and agenda.papers:
            agenda_title, _paper_title = section_agenda(agenda, agenda.papers[0])
        item = AgendaItem.objects.create(
            meeting=meeting,
            number=number,
            title=agenda_title,
            presenter=section(agenda.presenter) if agenda.presenter else None,
        )
        if agenda.presenter:
            minutes.append(
                f"{number} {agenda_title}\n{names[agenda.presenter]}から資料に基づき説明があり、"
                "意見交換の上、原案のとおり了承された。"
            )
        else:
            minutes.append(f"{number} {agenda_title}\n特になし。")
        for paper in agenda.papers:
            add_paper(meeting, item, paper, secretary, held_at)
    meeting.minutes = "\n".join(minutes)
    meeting.save(update_fields=["minutes"])
    return meeting


def add_paper(meeting, item, paper, secretary, held_at):
    title = paper.title or section_agenda(None, paper)[1]
    material = services.add_material(
        user=secretary,
        upload=upload(title, paper.kind, paper.source),
        title=title,
        department=meeting.series.secretary_department,
        meeting=meeting,
        agenda_item=item,
        confidentiality=paper.confidentiality,
        departments=Department.objects.filter(code__in=paper.departments),
        description=paper.description,
        now=held_at - datetime.timedelta(days=3),
    )
    read_now(material)
    if paper.override_reason and publication.unresolved_findings(material):
        publication.override_findings(material, secretary, paper.override_reason)
    return material


# --- libraries ------------------------------------------------------------


def load_categories(library, specs):
    categories = {}
    for order, (name, description) in enumerate(specs):
        categories[name], _created = LibraryCategory.objects.get_or_create(
            library=library,
            parent=None,
            name=name,
            defaults={"description": description, "sort_order": order},
        )
    return categories


def load_libraries():
    categories = {
        **load_categories(Library.FORMS, FORM_CATEGORIES),
        **load_categories(Library.REFERENCE, REFERENCE_CATEGORIES),
    }
    added = 0
    for spec in FORMS + TABLES:
        category = categories[spec.category]
        if Material.objects.filter(category=category, title=spec.title).exists():
            continue
        department = section(spec.department)
        user = uploader(department)
        material = read_now(
            services.add_material(
                user=user,
                upload=upload(spec.title, spec.kind, spec.source),
                title=spec.title,
                department=department,
                category=category,
                description=spec.description,
                form_name=spec.form_name,
                procedure=spec.procedure,
            )
        )
        for note, source in spec.revisions:
            version = services.add_version(
                material, upload(spec.title, spec.kind, source), user, note
            )
            read_now(material, version.pk)
        added += 1
    return added
