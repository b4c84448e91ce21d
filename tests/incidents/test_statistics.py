"""Statistics of the reports: counts, who reads them exactly, suppression, CSV, bad input."""

import csv
import datetime
import io
import itertools
import random

import pytest
from django.urls import reverse
from django.utils import timezone

from incidents import statistics, suppression
from incidents.models import Category, IncidentReport, RuleAxis, State
from tests.factories import DepartmentFactory

from . import factories

pytestmark = pytest.mark.django_db

URL = reverse("incidents:statistics")
CSV_URL = reverse("incidents:statistics_csv")


def at(year, month, day=15, hour=10, minute=0):
    return timezone.make_aware(
        datetime.datetime(year, month, day, hour, minute), timezone.get_current_timezone()
    )


def add_reports(count, *, department, category=None, level=1, month=(2026, 3), **fields):
    """``count`` reports written straight to the table (the statistics read nothing else)."""
    category = category or factories.category()
    moment = fields.pop("occurred_at", None) or at(*month)
    IncidentReport.objects.bulk_create(
        IncidentReport(
            title="納税通知書の誤送付",
            department=department,
            occurred_at=moment,
            discovered_at=moment,
            place="post",
            category=category,
            rule_axis=fields.get("rule_axis", RuleAxis.NOT_FOLLOWED),
            level=level,
            what_happened="別の世帯の封筒に封入した。",
            state=fields.get("state", State.REPORTED),
            reported_at=moment,
            due_at=moment,
        )
        for _ in range(count)
    )


PERIOD = {"from": "2026-01", "to": "2026-06"}


# --- counting ---------------------------------------------------------------------------------


def test_every_sent_report_counts_in_the_local_month_it_happened_drafts_do_not():
    department = DepartmentFactory(name="税務課")
    # 31 March 23:30 in Tokyo is still 31 March 14:30 in UTC: March, not April.
    add_reports(1, department=department, occurred_at=at(2026, 3, 31, 23, 30))
    # 1 April 00:30 in Tokyo is 31 March in UTC: April.
    add_reports(1, department=department, occurred_at=at(2026, 4, 1, 0, 30), level=4)
    for state in (State.RETURNED, State.KEPT, State.PUBLISHED):
        add_reports(1, department=department, month=(2026, 5), state=state)
    factories.submitted_report(department=department)  # happened two days ago: outside
    from incidents import services

    services.save_draft(factories.reporter(department), {"title": "書きかけ"})
    period = statistics.Period(datetime.date(2026, 1, 1), datetime.date(2026, 6, 1))
    months, table = statistics.monthly_table(period, published=False)
    assert months[0] == (2026, 1) and len(months) == 6
    counts = {label: [cell.count for cell in row] for label, row, _total in table.rows}
    assert counts["2026年3月"] == [1, 0]
    assert counts["2026年4月"] == [0, 1]
    assert counts["2026年5月"] == [3, 0]
    assert table.total.count == 5


def test_the_tables_count_by_category_and_level_department_and_rule():
    tax, citizens = DepartmentFactory(name="税務課"), DepartmentFactory(name="市民課")
    lost = Category.objects.get(name="紛失")
    add_reports(4, department=tax, level=0)
    add_reports(5, department=citizens, category=lost, level=3, rule_axis=RuleAxis.NO_RULE)
    period = statistics.Period(datetime.date(2026, 1, 1), datetime.date(2026, 6, 1))
    result = statistics.statistics(period, published=False)
    matrix = {label: [cell.count for cell in row] for label, row, _t in result.category_level.rows}
    assert matrix["紛失"] == [0, 0, 0, 5, 0, 0]
    assert matrix[factories.category().name] == [4, 0, 0, 0, 0, 0]
    departments = {label: row[0].count for label, row, _t in result.department.rows}
    assert departments == {"税務課": 4, "市民課": 5}
    rules = {label: row[0].count for label, row, _t in result.rule_axis.rows}
    assert list(rules.values()) == [0, 4, 5]
    assert result.rule_axis.total.count == 9


def test_the_default_period_is_the_last_twelve_months():
    period = statistics.default_period(datetime.date(2026, 11, 26))
    assert period.first == datetime.date(2025, 12, 1) and period.last == datetime.date(2026, 11, 1)
    assert len(period.months()) == 12


# --- who reads what ---------------------------------------------------------------------------


@pytest.fixture
def small_department_data():
    """税務課 with many reports, 市民課 with 1 (a person could be pointed at), 福祉課 with 7."""
    add_reports(20, department=DepartmentFactory(name="税務課"))
    add_reports(1, department=DepartmentFactory(name="市民課"), level=4)
    add_reports(7, department=DepartmentFactory(name="福祉課"))


def _department_cells(response):
    table = response.context["statistics"].department
    return {label: row[0] for label, row, _total in table.rows}


def test_the_office_reads_the_exact_counts(client, small_department_data):
    client.force_login(factories.office_member())
    response = client.get(URL, PERIOD)
    assert response.status_code == 200
    cells = _department_cells(response)
    assert cells["市民課"].count == 1 and not cells["市民課"].hidden
    assert "3件未満" not in response.content.decode()


def test_staff_read_small_counts_hidden_and_one_more_so_it_cannot_be_subtracted(
    client, small_department_data
):
    client.force_login(factories.reporter())
    response = client.get(URL, PERIOD)
    assert response.status_code == 200
    cells = _department_cells(response)
    assert cells["市民課"].hidden == suppression.SMALL and cells["市民課"].shown is None
    # The total (28) is shown, so one other department is hidden too.
    assert cells["福祉課"].hidden == suppression.COMPLEMENT
    assert not cells["税務課"].hidden
    html = response.content.decode()
    assert "3件未満" in html and "非公表" in html


def test_the_office_can_preview_the_published_statistics(client, small_department_data):
    client.force_login(factories.office_member())
    response = client.get(URL, {**PERIOD, "published": "1"})
    assert _department_cells(response)["市民課"].hidden == suppression.SMALL
    assert "3件未満" in response.content.decode()


def test_staff_cannot_ask_for_the_exact_counts(client, small_department_data):
    client.force_login(factories.reporter())
    response = client.get(URL, {**PERIOD, "published": "0"})
    assert _department_cells(response)["市民課"].hidden == suppression.SMALL


def test_the_minimum_cell_is_a_setting(client, settings, small_department_data):
    settings.INCIDENTS_MIN_CELL = 10
    client.force_login(factories.reporter())
    response = client.get(URL, PERIOD)
    assert _department_cells(response)["福祉課"].hidden == suppression.SMALL
    assert "10件未満" in response.content.decode()


# --- suppression cannot be undone -------------------------------------------------------------

MIN = 3


def _feasible_values(values, equations, hidden):
    """{key: set of values it could take} given what is shown, as a reader could work it out.

    A reader knows a count shown as 「3件未満」 is 1 or 2, and that the other hidden
    counts are 0 or at least the minimum (else they would show as 「3件未満」). Values
    are searched up to a little above the grand total.
    """
    ceiling = values[(None, None)] + MIN + 1
    domains = {
        key: range(1, MIN) if reason == suppression.SMALL else [0, *range(MIN, ceiling)]
        for key, reason in hidden.items()
    }
    seen = {key: set() for key in hidden}
    lines = [(list(parts), total) for parts, total in equations]

    def value(key, assigned):
        return assigned[key] if key in hidden else values[key]

    def search(assigned):
        # A line with one hidden entry left fixes it; a line with none must add up.
        for parts, total in lines:
            open_keys = [key for key in (*parts, total) if key in hidden and key not in assigned]
            if len(open_keys) == 1:
                key = open_keys[0]
                rest = sum(value(part, assigned) for part in parts if part != key)
                forced = rest if key == total else value(total, assigned) - rest
                if forced not in domains[key]:
                    return
                assigned[key] = forced
                search(assigned)
                del assigned[key]
                return
            if not open_keys and sum(value(p, assigned) for p in parts) != value(total, assigned):
                return
        free = [key for key in hidden if key not in assigned]
        if not free:
            for key in hidden:
                seen[key].add(assigned[key])
            return
        key = free[0]
        for candidate in domains[key]:
            assigned[key] = candidate
            search(assigned)
            del assigned[key]

    search({})
    return seen


def _grid(counts):
    values = {}
    for i, row in enumerate(counts):
        for j, count in enumerate(row):
            values[(i, j)] = count
        values[(i, None)] = sum(row)
    for j in range(len(counts[0])):
        values[(None, j)] = sum(row[j] for row in counts)
    values[(None, None)] = sum(sum(row) for row in counts)
    return values


def _assert_protected(values, equations):
    hidden = suppression.suppress(values, equations, MIN)
    if suppression.WITHHELD in hidden.values():
        assert set(hidden.values()) == {suppression.WITHHELD} and hidden.keys() == values.keys()
        return hidden
    for key, count in values.items():
        if 1 <= count < MIN:
            assert hidden.get(key) == suppression.SMALL, key
    feasible = _feasible_values(values, equations, hidden)
    for key, reason in hidden.items():
        assert values[key] in feasible[key]
        if reason == suppression.SMALL:
            assert len(feasible[key]) > 1, (key, values, hidden, feasible)
    return hidden


def test_a_single_small_cell_gets_a_second_one_hidden_in_its_row_and_column():
    values = _grid([[1, 5, 6], [4, 7, 3], [5, 3, 9]])
    hidden = _assert_protected(values, suppression.grid_equations(3, 3))
    assert len([key for key in hidden if key[0] == 0]) >= 2
    assert len([key for key in hidden if key[1] == 0]) >= 2


def test_two_small_cells_in_a_list_do_not_give_each_other_away():
    # 1 and 1 under a shown total would both be known to be 1: a larger one is hidden too.
    values = {(0, 0): 1, (1, 0): 1, (2, 0): 9, (3, 0): 4, (None, None): 15}
    hidden = _assert_protected(values, suppression.grid_equations(4, 1))
    assert len(hidden) == 3


def test_a_small_total_is_hidden_itself():
    values = _grid([[0, 2], [0, 0]])
    hidden = _assert_protected(values, suppression.grid_equations(2, 2))
    assert hidden[(None, None)] == suppression.SMALL


def test_a_table_that_cannot_be_protected_is_withheld_whole():
    # 1 + 1 under a total of 2 (all below 3): hiding every count still gives them away.
    values = _grid([[1, 1], [2, 1], [9, 6]])
    hidden = _assert_protected(values, suppression.grid_equations(3, 2))
    assert set(hidden.values()) == {suppression.WITHHELD}


@pytest.mark.parametrize("seed", [*range(25), 31])
def test_no_hidden_small_count_can_be_worked_out_from_the_totals(seed):
    chooser = random.Random(seed)
    rows, columns = chooser.choice([(3, 2), (3, 3), (4, 2)])
    counts = [
        [chooser.choice([0, 0, 1, 2, 3, 4, 6, 9]) for _ in range(columns)] for _ in range(rows)
    ]
    _assert_protected(_grid(counts), suppression.grid_equations(rows, columns))


@pytest.mark.parametrize("seed", range(10))
def test_no_hidden_small_count_can_be_worked_out_from_a_list_total(seed):
    chooser = random.Random(seed)
    counts = [chooser.choice([0, 1, 2, 3, 5, 8]) for _ in range(6)]
    values = {(i, 0): count for i, count in enumerate(counts)}
    values[(None, None)] = sum(counts)
    _assert_protected(values, suppression.grid_equations(6, 1))


def test_the_published_page_tables_cannot_be_worked_out_either(client):
    tax, citizens = DepartmentFactory(name="税務課"), DepartmentFactory(name="市民課")
    lost = Category.objects.get(name="紛失")
    add_reports(6, department=tax)
    add_reports(1, department=tax, category=lost, level=3)
    add_reports(4, department=citizens, category=lost, level=0)
    add_reports(2, department=citizens, level=2, month=(2026, 2))
    client.force_login(factories.reporter())
    result = client.get(URL, PERIOD).context["statistics"]
    for table in result.tables:
        values, hidden = {}, {}
        for i, (_label, row, total) in enumerate(table.rows):
            for j, cell in enumerate(row):
                values[(i, j)], hidden[(i, j)] = cell.count, cell.hidden
            if not table.one_column:
                values[(i, None)], hidden[(i, None)] = total.count, total.hidden
        for j, cell in enumerate(table.column_totals):
            values[(None, j)], hidden[(None, j)] = cell.count, cell.hidden
        values[(None, None)], hidden[(None, None)] = table.total.count, table.total.hidden
        hidden = {key: reason for key, reason in hidden.items() if reason}
        if not hidden or table.withheld:
            continue
        equations = suppression.grid_equations(len(table.rows), len(table.columns))
        feasible = _feasible_values(values, equations, hidden)
        for key, reason in hidden.items():
            if reason == suppression.SMALL:
                assert len(feasible[key]) > 1, (table.key, key)


# --- CSV --------------------------------------------------------------------------------------


def _csv_rows(response):
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def test_the_csv_has_a_section_per_table_hidden_as_on_the_page(client, small_department_data):
    client.force_login(factories.reporter())
    response = client.get(CSV_URL, PERIOD)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = _csv_rows(response)
    titles = [row[0] for row in rows if len(row) == 1]
    for title in (
        "月別の報告件数",
        "分類・影響レベル別の報告件数",
        "所属別の報告件数",
        "ルール別の報告件数",
    ):
        assert title in titles
    departments = {row[0]: row[1] for row in rows if len(row) == 2}
    assert departments["市民課"] == "3件未満" and departments["福祉課"] == "非公表"
    assert departments["税務課"] == "20"


def test_the_office_csv_has_the_exact_counts(client, small_department_data):
    client.force_login(factories.office_member())
    departments = {
        row[0]: row[1] for row in _csv_rows(client.get(CSV_URL, PERIOD)) if len(row) == 2
    }
    assert departments["市民課"] == "1"


def test_the_csv_writes_a_category_that_looks_like_a_formula_as_text(client):
    formula = Category.objects.create(name='=HYPERLINK("http://x")', sort_order=99)
    add_reports(5, department=DepartmentFactory(name="税務課"), category=formula)
    client.force_login(factories.office_member())
    rows = _csv_rows(client.get(CSV_URL, PERIOD))
    assert any(row and row[0] == "'" + formula.name for row in rows)
    assert not any(row and row[0] == formula.name for row in rows)


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, message",
    [
        ({"from": "abc"}, "月を読み取れません"),
        ({"from": "9999-12", "to": "9999-12"}, "の間で選んでください"),
        ({"from": "0001-01"}, "の間で選んでください"),
        ({"from": "2026-06", "to": "2026-01"}, "入れ替えました"),
        ({"from": "2000-01", "to": "2030-12"}, "か月まで"),
        ({"to": "x" * 500}, "月を読み取れません"),
    ],
)
def test_a_bad_period_is_explained_in_japanese(client, query, message):
    client.force_login(factories.reporter())
    for url in (URL, CSV_URL):
        response = client.get(url, query)
        assert response.status_code == 200
    response = client.get(URL, query)
    assert message in response.content.decode()


# --- a constant number of queries -------------------------------------------------------------


def _spread(count):
    departments = [DepartmentFactory(name=f"課{n}") for n in range(5)]
    categories = list(Category.objects.all())
    for n, (department, category, level, month) in enumerate(
        itertools.product(departments, categories, range(6), range(1, 7))
    ):
        if n >= count:
            break
        add_reports(2, department=department, category=category, level=level, month=(2026, month))


# The page's own queries: the office check, the four tables and the list of categories;
# the rest is the site's frame (session, user, navigation, notifications).
PAGE_QUERIES = 18
CSV_QUERIES = 8


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, PERIOD).status_code == 200
    return len(captured)


@pytest.mark.parametrize("office", [True, False])
def test_the_page_and_csv_take_the_same_few_queries_whatever_the_data(
    client, django_assert_max_num_queries, office
):
    client.force_login(factories.office_member() if office else factories.reporter())
    client.get(URL, PERIOD)  # the session once
    counts = []
    for size in (10, 600):
        _spread(size)
        with django_assert_max_num_queries(PAGE_QUERIES):
            counts.append(_count_queries(client, URL))
        with django_assert_max_num_queries(CSV_QUERIES):
            counts.append(_count_queries(client, CSV_URL))
    assert counts[:2] == counts[2:]
