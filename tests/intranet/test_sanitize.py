"""User-supplied HTML goes through the allowlist before it is stored."""

import pytest

from intranet.sanitize import clean_html


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p>ok<script>alert(1)</script></p>", "<p>ok</p>"),
        ('<p><a href="javascript:alert(1)">x</a></p>', "<p><a>x</a></p>"),
        ('<p><a href=" JaVaScRiPt:alert(1)">x</a></p>', "<p><a>x</a></p>"),
        ('<p onmouseover="steal()">z</p><img src=x onerror=alert(1)>', "<p>z</p>"),
        ("<p>a<style>p{}</style><iframe src=//evil></iframe></p>", "<p>a</p>"),
        (
            '<p><a href="https://www.city.example.jp/">市</a></p>',
            '<p><a href="https://www.city.example.jp/">市</a></p>',
        ),
        ('<p><a linktype="page" id="3">p</a></p>', '<p><a linktype="page" id="3">p</a></p>'),
        (
            '<embed embedtype="image" id="1" format="left" alt="図"/>',
            '<embed embedtype="image" id="1" format="left" alt="図"/>',
        ),
        ("<p>東京&amp;大阪 &lt;b&gt;</p>", "<p>東京&amp;大阪 &lt;b&gt;</p>"),
    ],
)
def test_clean_html(markup, expected):
    assert clean_html(markup) == expected
