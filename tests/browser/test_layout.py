"""Layout on a phone and for keyboard users: nothing wider than the screen, visible focus."""

import re

import pytest
from django.core.management import call_command

from faq.models import FaqIndexPage
from tests.browser.test_login_dashboard import log_in
from tests.factories import live_faq

pytestmark = pytest.mark.django_db(transaction=True)

LONG_URL = "https://portal.city.example.lg.jp/" + "manuals/network/vpn-client-setup-guide-" * 4
LONG_PATH = r"\\fs01.city.local\share\somubu\johoseisakuka\manuals\network\vpn_setup_2026.pdf"


@pytest.fixture
def demo_data(transactional_db, small_python_faq):
    call_command("load_demo", verbosity=0)


@pytest.fixture
def faq_with_long_addresses(demo_data):
    home = FaqIndexPage.objects.live().order_by("depth", "path").first()
    answer = f"手順書は {LONG_URL} と {LONG_PATH} にあります。"
    return live_faq(home, "VPN接続の手順書の場所", answer=answer)


def overflow(page):
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def contrast(first, second):
    def luminance(rgb):
        channels = [int(value) / 255 for value in re.findall(r"\d+", rgb)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted([luminance(first), luminance(second)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("width", [320, 390])
def test_no_page_is_wider_than_a_phone(page, live_server, faq_with_long_addresses, width):
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, live_server)
    too_wide = {}
    for path in [
        "/",
        "/directory/",
        faq_with_long_addresses.url,
        "/search/?q=手順書",
        "/questions/ask/",
        "/accounts/password/",
    ]:
        page.goto(f"{live_server.url}{path}")
        if overflow(page) > 0:
            too_wide[path] = overflow(page)
    assert too_wide == {}
    page.goto(f"{live_server.url}/")
    right_edges = page.locator(".panel").evaluate_all(
        "panels => panels.map(panel => panel.getBoundingClientRect().right)"
    )
    assert right_edges and max(right_edges) <= width


def test_a_job_title_stays_on_one_line_in_the_directory(page, live_server, demo_data):
    page.set_viewport_size({"width": 390, "height": 800})
    log_in(page, live_server)
    page.goto(f"{live_server.url}/directory/")
    lines = page.locator("table.data-table tbody td:nth-child(4)").evaluate_all(
        """cells => cells.filter(cell => cell.textContent.trim()).map(cell => {
               const range = document.createRange();
               range.selectNodeContents(cell);
               return new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top))).size;
           })"""
    )
    assert lines and set(lines) == {1}


def test_text_boxes_use_the_page_font(page, live_server, demo_data):
    log_in(page, live_server)
    page.goto(f"{live_server.url}/questions/ask/")
    fonts = page.evaluate(
        """() => [document.body, ...document.querySelectorAll('input, textarea, select, button')]
               .map(element => getComputedStyle(element).fontFamily)"""
    )
    assert set(fonts) == {fonts[0]}


def weak_focus_rings(page, stops=40):
    """Tab through the page: each stop's outline style, and those under 3:1 with its backdrop."""
    rings = []
    for _ in range(stops):
        page.keyboard.press("Tab")
        rings.append(
            page.evaluate(
                """() => {
                    const element = document.activeElement;
                    if (element === document.body) return null;  // past the last stop
                    document.getAnimations().forEach(a => a.finish());  // a ring fading in
                    const style = getComputedStyle(element);
                    let backdrop = element.parentElement;
                    while (backdrop && ['rgba(0, 0, 0, 0)', 'transparent']
                             .includes(getComputedStyle(backdrop).backgroundColor)) {
                        backdrop = backdrop.parentElement;
                    }
                    const behind = backdrop ? getComputedStyle(backdrop).backgroundColor
                                            : 'rgb(255, 255, 255)';
                    return [element.outerHTML.slice(0, 60), style.outlineStyle,
                            style.outlineColor, behind];
                }"""
            )
        )
    rings = [ring for ring in rings if ring is not None]
    weak = [
        (element, colour, behind, round(contrast(colour, behind), 2))
        for element, style, colour, behind in rings
        if style != "none" and contrast(colour, behind) < 3
    ]
    return rings, weak


def test_the_focus_ring_stands_out_3_to_1_on_the_page_and_in_the_header(
    page, live_server, demo_data
):
    log_in(page, live_server)
    page.goto(f"{live_server.url}/directory/")
    rings, weak = weak_focus_rings(page)
    assert {style for _, style, _, _ in rings} == {"solid"}
    assert weak == []
    assert len({behind for *_, behind in rings}) >= 2  # the header and the page were both reached


@pytest.mark.parametrize("path", ["/admin/", "/admin/search/synonyms/add/"])
def test_the_admin_focus_ring_stands_out_3_to_1_in_the_sidebar_and_on_the_page(
    page, live_server, demo_data, path
):
    log_in(page, live_server, "itdesk")
    page.goto(f"{live_server.url}{path}")
    rings, weak = weak_focus_rings(page, stops=60)
    assert len(rings) >= 10
    assert weak == [], weak
    assert len({behind for *_, behind in rings}) >= 2  # the sidebar and the page were both reached


def test_a_phone_shows_search_results_before_the_filters(page, live_server, demo_data):
    log_in(page, live_server)
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{live_server.url}/search/?q=VPN")
    results, filters = page.locator(".search-results"), page.locator(".search-filters")
    assert results.bounding_box()["y"] < filters.bounding_box()["y"]
    page.set_viewport_size({"width": 1280, "height": 800})
    assert filters.bounding_box()["x"] < results.bounding_box()["x"]
