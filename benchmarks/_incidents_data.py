"""Generated incident reports at the size issue #19 names, for the incidents benchmarks.

    data = IncidentsData(seed=19)
    data.add(reports=100_000)

Eight 部 of five 課 each report; 市民課, 税務課 and the other counters report
most (weights), a few small sections hardly at all. Reports spread over the
last 15 months (so the default 12 months of the statistics are full), more in
the busy season (spring and the tax months), levels skewed as in hospital
reporting (most are near misses at level 0–1, one in fifty a level 5), the
rule axis mostly 「ルールあり・不遵守」. States: most are decided (kept or
published), the latest ones still under review; about 5% of the reports are
published as cases of the collection, with their classification copied.

Rows go in with ``bulk_create`` in batches; nothing else (notifications,
steps, search index) is written: the pages measured read only these tables.
"""

import datetime
import random

BATCH = 5_000
MONTHS = 15
PUBLISHED_SHARE = 0.05
LEVEL_WEIGHTS = [35, 30, 18, 10, 5, 2]
RULE_WEIGHTS = {"followed": 25, "not_followed": 55, "no_rule": 20}
MONTH_WEIGHTS = {1: 1.0, 2: 1.0, 3: 1.3, 4: 1.4, 5: 1.1, 6: 1.2, 7: 1.0, 8: 0.8, 9: 0.9,
                 10: 1.0, 11: 1.0, 12: 1.1}  # fmt: skip
BUREAUS = [
    "総務部",
    "市民部",
    "税務部",
    "福祉部",
    "子ども未来部",
    "環境部",
    "都市づくり部",
    "教育部",
]
SECTIONS = ["第一課", "第二課", "第三課", "窓口課", "管理課"]
TITLES = [
    "納税通知書の誤送付",
    "窓口での本人確認漏れ",
    "入力誤りによる過大還付",
    "証明書の誤交付",
    "申請書類の紛失",
    "支払期限の徒過",
    "メールの宛先誤り",
    "システムの操作誤りによる二重登録",
]


class IncidentsData:
    def __init__(self, seed=19):
        self.random = random.Random(seed)
        self.departments = []
        self.weights = []
        self.reports = 0
        self.cases = 0

    def organisation(self):
        from intranet.models import Department

        for b, bureau in enumerate(BUREAUS):
            parent = Department.objects.create(
                code=f"INC-{b}", name=bureau, kind=Department.Kind.BU, sort_order=b * 10
            )
            for s, section in enumerate(SECTIONS):
                self.departments.append(
                    Department.objects.create(
                        code=f"INC-{b}-{s}", name=section, parent=parent, sort_order=b * 10 + s
                    )
                )
                # Counters report the most; a few small sections hardly ever.
                self.weights.append(self.random.choice([0.1, 1, 2, 3, 6]))

    def add(self, reports):
        """Add reports up to ``reports`` in all (and their ~5% published cases)."""
        from django.utils import timezone

        from incidents.models import Case, Category, IncidentReport, State

        if not self.departments:
            self.organisation()
        categories = list(Category.objects.all())
        category_weights = [8, 3, 10, 6, 2, 4, 5, 2][: len(categories)]
        category_weights += [1] * (len(categories) - len(category_weights))
        now = timezone.now()
        first_day = now - datetime.timedelta(days=MONTHS * 30.4)
        span = (now - first_day).total_seconds()
        todo = reports - self.reports
        while todo > 0:
            size = min(BATCH, todo)
            batch = []
            while len(batch) < size:
                moment = first_day + datetime.timedelta(seconds=self.random.random() * span)
                local = timezone.localtime(moment)
                if self.random.random() * 1.4 > MONTH_WEIGHTS[local.month]:
                    continue
                level = self.random.choices(range(6), LEVEL_WEIGHTS)[0]
                age = (now - moment).days
                state = (
                    State.REPORTED
                    if age < 7
                    else State.HEAD_CONFIRMED
                    if age < 21
                    else self.random.choice([State.KEPT, State.KEPT, State.OFFICE_CONFIRMED])
                )
                published = self.random.random() < PUBLISHED_SHARE and age >= 21
                if published:
                    state = State.PUBLISHED
                title = self.random.choice(TITLES)
                batch.append(
                    IncidentReport(
                        title=title,
                        department=self.random.choices(self.departments, self.weights)[0],
                        occurred_at=moment,
                        discovered_at=moment + datetime.timedelta(hours=self.random.randint(0, 72)),
                        place=self.random.choice(["counter", "phone", "post", "mail", "system"]),
                        category=self.random.choices(categories, category_weights)[0],
                        rule_axis=self.random.choices(
                            list(RULE_WEIGHTS), list(RULE_WEIGHTS.values())
                        )[0],
                        level=level,
                        what_happened=f"{title}が発生した。担当者が気づき、上司に報告した。",
                        why_chain=["確認の手順が一人で行われた", "繁忙期で二人確認が省かれた"],
                        immediate_action="関係者に連絡し、正しい書類を届けた。",
                        prevention="二人で照合する。",
                        lessons="繁忙期ほど確認を省かないこと。",
                        state=state,
                        reported_at=moment + datetime.timedelta(hours=80),
                        due_at=moment + datetime.timedelta(hours=24 if level >= 3 else 168),
                    )
                )
            made = IncidentReport.objects.bulk_create(batch, batch_size=1000)
            cases = [
                Case(
                    report=report,
                    title=report.title,
                    department=report.department if self.random.random() < 0.7 else None,
                    category=report.category,
                    level=report.level,
                    rule_axis=report.rule_axis,
                    place=report.place,
                    occurred_on=timezone.localtime(report.occurred_at).date(),
                    what_happened=report.what_happened,
                    causes="確認の手順が一人で行われた",
                    immediate_action=report.immediate_action,
                    prevention=report.prevention,
                    lessons=report.lessons,
                    published_at=report.reported_at + datetime.timedelta(days=20),
                )
                for report in made
                if report.state == State.PUBLISHED
            ]
            Case.objects.bulk_create(cases, batch_size=1000)
            self.cases += len(cases)
            self.reports += size
            todo -= size
