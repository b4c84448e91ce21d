"""The statistics charts: SVG to inline, Japanese drawn as outlines, suppressed cells kept apart.

Every warning that matplotlib gives about a glyph missing from the font is an error
here: it is how a chart falls back to a font without Japanese (DejaVu Sans) and
draws empty boxes for every kanji.
"""

import threading
import xml.etree.ElementTree as ET
from collections import Counter

import matplotlib
import pytest
from matplotlib.ft2font import FT2Font

from incidents import charts

pytestmark = pytest.mark.filterwarnings("error::UserWarning")

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"

MONTHS = [(2025, month) for month in range(4, 13)] + [(2026, month) for month in range(1, 4)]
LEVELS = [f"レベル{level}" for level in range(6)]
CATEGORIES = ["誤送付・誤交付", "紛失", "入力・計算誤り", "説明誤り"]


def trend():
    return charts.monthly_trend_svg(
        MONTHS,
        {"レベル0〜2": [30, 41, 25, 38, 50, 44, 39, 28, 31, 47, 36, 40], "レベル3〜5": [3] * 12},
        title="月別の報告件数",
    )


def matrix():
    return charts.matrix_svg(
        CATEGORIES,
        LEVELS,
        [[0, 12, None, 4, 0, 1]] * len(CATEGORIES),
        title="分類×影響レベル",
        suppressed_label="<3",
    )


def cell(count, suppressed_label="<3"):
    """A matrix of one cell."""
    return charts.matrix_svg(["紛失"], ["レベル0"], [[count]], suppressed_label=suppressed_label)


def bar(counts=(12, 0, None), suppressed_label="<3"):
    return charts.bar_svg(
        ["ルールあり・遵守", "ルールあり・不遵守", "ルールなし"],
        list(counts),
        "ルールの有無と遵守",
        suppressed_label=suppressed_label,
    )


def parse(svg):
    return ET.fromstring(svg)


def glyph_id(char):
    """The id matplotlib gives the outline of ``char`` in IPAexGothic (its glyph number)."""
    index = FT2Font(str(charts.FONT_PATH)).get_char_index(ord(char))
    assert index, f"IPAexGothic has no glyph for {char}"
    return f"IPAexGothic-{index:x}"


def drawn_glyphs(svg):
    """The glyph ids the chart's text uses, without the chart's own prefix."""
    # "#chart-1a2b3c4d-IPAexGothic-65a"
    return {use.get(XLINK_HREF).split("-", 2)[2] for use in parse(svg).iter(f"{SVG}use")}


def test_each_chart_is_one_svg_element_that_parses_as_xml():
    for svg in (trend(), matrix(), bar()):
        assert svg.startswith("<svg ")
        assert parse(svg).tag == f"{SVG}svg"


def test_no_text_is_left_as_text_for_the_viewer_to_find_a_font_for():
    for svg in (trend(), matrix(), bar()):
        assert not list(parse(svg).iter(f"{SVG}text"))
        assert "font-family" not in svg


def test_no_inline_style_that_the_content_security_policy_would_drop():
    """The site allows no inline styles: a chart styled by them is painted all black."""
    for svg in (trend(), matrix(), bar()):
        root = parse(svg)
        assert not list(root.iter(f"{SVG}style"))
        assert not [element for element in root.iter() if "style" in element.attrib]
        fills = {element.get("fill") for element in root.iter()} - {None}
        assert "#ffffff" in fills and len(fills) > 2


def test_no_label_falls_back_to_matplotlibs_own_font():
    for svg in (trend(), matrix(), bar()):
        assert "DejaVu" not in svg


def test_japanese_labels_are_drawn_with_the_japanese_font():
    glyphs = drawn_glyphs(trend())
    assert {glyph_id("月"), glyph_id("年"), glyph_id("レ")} <= glyphs
    # Glyph ids name their font (tick marks are ids like "m3"): IPAexGothic alone.
    assert [glyph for glyph in glyphs if "-" in glyph and "IPAexGothic" not in glyph] == []


def test_the_year_goes_under_the_first_month_and_under_january():
    glyphs = drawn_glyphs(
        charts.monthly_trend_svg([(2025, 11), (2025, 12)], {"件数": [1, 2]}, title="月別")
    )
    # 2025年 under 11月, and no year under 12月: one 年 drawn, digits 2 and 5 among them.
    assert glyph_id("年") in glyphs
    assert {glyph_id("2"), glyph_id("5")} <= glyphs


def test_a_suppressed_cell_is_hatched_and_labelled_a_zero_is_not():
    zero = cell(0)
    suppressed = cell(None)
    assert not list(parse(zero).iter(f"{SVG}pattern"))
    assert list(parse(suppressed).iter(f"{SVG}pattern"))
    assert glyph_id("<") in drawn_glyphs(suppressed)
    assert glyph_id("0") in drawn_glyphs(zero)
    assert glyph_id("<") not in drawn_glyphs(zero)


def test_the_suppressed_label_is_the_one_given():
    assert glyph_id("—") in drawn_glyphs(cell(None, suppressed_label="—"))
    assert glyph_id("<") not in drawn_glyphs(cell(None, suppressed_label="—"))


def test_a_suppressed_bar_shows_its_label_where_a_zero_bar_shows_0():
    assert glyph_id("<") in drawn_glyphs(bar(counts=(12, 5, None)))
    assert glyph_id("<") not in drawn_glyphs(bar(counts=(12, 5, 0)))
    assert glyph_id("0") in drawn_glyphs(bar(counts=(7, 5, 0)))


def test_a_suppressed_month_is_marked_above_its_bar():
    months = [(2026, 4), (2026, 5)]
    marked = charts.monthly_trend_svg(months, {"件数": [4, None]}, suppressed_label="<3")
    assert glyph_id("<") in drawn_glyphs(marked)


def test_each_chart_is_an_image_named_by_its_title():
    for svg, title in ((trend(), "月別の報告件数"), (matrix(), "分類×影響レベル")):
        root = parse(svg)
        assert root.get("role") == "img"
        assert root.get("aria-label") == title
        assert root[0].tag == f"{SVG}title"
        assert root[0].text == title


def test_the_trend_and_the_matrix_have_a_title_when_none_is_given():
    root = parse(charts.monthly_trend_svg([(2026, 4)], {"件数": [1]}))
    assert root.get("aria-label") == "月別の報告件数"
    assert root.find(f"{SVG}title").text == "月別の報告件数"
    assert parse(charts.matrix_svg(["紛失"], ["レベル0"], [[1]])).get("aria-label")


def test_hostile_text_stays_text():
    title = '"><script>alert(1)</script>'
    svg = charts.bar_svg(["<b>総務部</b>", "$x^2$ 課"], [1, 2], title)
    root = parse(svg)
    assert root.get("aria-label") == title
    assert not list(root.iter(f"{SVG}script"))
    # A dollar sign is a dollar sign: no mathematical notation (drawn in DejaVu's italics).
    assert glyph_id("$") in drawn_glyphs(svg)
    assert "DejaVu" not in svg


def test_the_same_numbers_give_the_same_svg():
    assert trend() == trend()
    assert matrix() == matrix()
    assert "Date" not in trend() and "<metadata" not in trend()


def test_charts_on_one_page_share_no_id():
    ids = Counter(
        element.get("id")
        for svg in (trend(), matrix(), bar(), bar(counts=(1, 2, 3)))
        for element in parse(svg).iter()
        if element.get("id")
    )
    assert ids
    assert [name for name, times in ids.items() if times > 1] == []


def test_every_reference_points_to_an_id_of_the_same_chart():
    for svg in (trend(), matrix()):
        root = parse(svg)
        ids = {element.get("id") for element in root.iter() if element.get("id")}
        references = {use.get(XLINK_HREF)[1:] for use in root.iter(f"{SVG}use")}
        assert references and references <= ids


def test_charts_are_drawn_at_once_in_many_threads_as_one_by_one():
    draws = [trend, matrix, bar, lambda: bar(counts=(1, 2, 3))] * 2
    expected = [draw() for draw in draws]
    results = [None] * len(draws)
    start = threading.Barrier(len(draws))

    def run(index):
        start.wait()
        results[index] = draws[index]()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(draws))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == expected


def test_drawing_leaves_matplotlibs_settings_alone():
    before = dict(matplotlib.rcParams)
    trend()
    assert dict(matplotlib.rcParams) == before
    assert matplotlib.rcParams["font.family"] == matplotlib.rcParamsDefault["font.family"]


@pytest.mark.parametrize(
    "draw",
    [
        lambda: charts.monthly_trend_svg([], {}),
        lambda: charts.monthly_trend_svg([(2026, 4)], {"件数": [0]}),
        lambda: charts.monthly_trend_svg([(2026, 4)], {"件数": [None]}),
        lambda: charts.matrix_svg([], [], []),
        lambda: charts.matrix_svg(["紛失"], ["レベル0"], [[None]]),
        lambda: charts.bar_svg([], [], "空"),
        lambda: charts.bar_svg(["総務部"], [None], "すべて秘匿"),
    ],
)
def test_empty_zero_and_all_suppressed_data_still_draw(draw):
    assert parse(draw()).get("role") == "img"


def test_counts_that_do_not_match_the_labels_are_refused():
    with pytest.raises(ValueError):
        charts.bar_svg(["総務部"], [1, 2], "件数")
    with pytest.raises(ValueError):
        charts.matrix_svg(["紛失"], ["レベル0", "レベル1"], [[1]])
    with pytest.raises(ValueError):
        charts.monthly_trend_svg([(2026, 4)], {"件数": [1, 2]})


def test_a_long_label_is_cut_short_in_the_chart_and_whole_in_the_table():
    label = "健康福祉部 高齢福祉課 地域包括ケア推進係 在宅医療介護連携担当"
    svg = charts.bar_svg([label], [3], "所属別")
    assert glyph_id("…") in drawn_glyphs(svg)
    assert charts.bar_table([label], [3]).rows == [[label, "3"]]


def test_month_labels_read_in_japanese():
    assert charts.month_label(2026, 4) == "2026年4月"
    assert charts.month_label(2026, 4, with_year=False) == "4月"
    assert charts.year_label(2026) == "2026年"


def test_tables_hold_the_same_numbers_with_the_suppressed_label():
    table = charts.monthly_trend_table(
        [(2026, 4), (2026, 5)], {"0〜2": [3, 4], "3〜5": [None, 1]}, suppressed_label="<3"
    )
    assert table.header == ["月", "0〜2", "3〜5"]
    assert table.rows == [["2026年4月", "3", "<3"], ["2026年5月", "4", "1"]]
    matrix_rows = charts.matrix_table(["紛失"], ["レベル0", "レベル1"], [[None, 1200]])
    assert matrix_rows.header == ["", "レベル0", "レベル1"]
    assert matrix_rows.rows == [["紛失", "—", "1,200"]]
    assert charts.bar_table(["総務部"], [None], "<3", header=("所属", "件数")).rows == [
        ["総務部", "<3"]
    ]


def test_a_year_of_months_labels_every_month_and_the_year_at_the_start_and_in_january():
    assert charts.month_tick_labels(MONTHS) == [
        "4月\n2025年", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月",
        "1月\n2026年", "2月", "3月",
    ]  # fmt: skip


def test_two_years_of_months_label_every_second_month_counting_from_january():
    months = [(2024, month) for month in range(4, 13)] + [(2025, month) for month in range(1, 13)]
    labels = charts.month_tick_labels(months + [(2026, 1), (2026, 2), (2026, 3)])
    assert [label for label in labels if label] == [
        "4月\n2024年", "5月", "7月", "9月", "11月", "1月\n2025年", "3月", "5月", "7月", "9月",
        "11月", "1月\n2026年", "3月",
    ]  # fmt: skip


def test_a_chart_is_drawn_once_for_the_same_numbers_and_language():
    from django.utils import translation

    drawn = []
    original = charts.bar_svg.__wrapped__

    def counting(*args, **kwargs):
        drawn.append(args)
        return original(*args, **kwargs)

    remembered = charts._remembered(counting)
    with translation.override("ja"):
        first = remembered(["総務課"], [4], "所属別")
        assert remembered(["総務課"], [4], "所属別") is first
        assert remembered(["総務課"], [5], "所属別") != first
    with translation.override("en"):
        remembered(["総務課"], [4], "所属別")
    assert len(drawn) == 3
