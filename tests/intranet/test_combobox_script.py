"""The ARIA combobox's keys live in one script that every combobox on the site shares.

The header's search box and the staff picker once each carried their own copy
of the key handling: a fix to one (the IME's Enter, Escape) missed the other.
"""

import re

from django.conf import settings

SHARED = "js/combobox.js"
USERS = ("js/search-suggest.js", "js/staff-picker.js")
TEMPLATES = (
    "templates/includes/header.html",
    "intranet/templates/intranet/widgets/staff_picker.html",
)


def read(path):
    return (settings.BASE_DIR / path).read_text(encoding="utf-8")


def test_only_the_shared_script_handles_the_combobox_keys():
    assert "ArrowDown" in read(f"static/{SHARED}")
    for script in USERS:
        source = read(f"static/{script}")
        assert "ArrowDown" not in source, script
        assert "aria-activedescendant" not in source.split("*/", 1)[1], script
        assert "IntranetCombobox.attach" in source, script


def test_every_template_that_includes_a_combobox_includes_the_shared_script_first():
    for path in TEMPLATES:
        scripts = re.findall(r"static '([^']+\.js)'", read(path))
        user = next(script for script in scripts if script in USERS)
        assert SHARED in scripts, path
        assert scripts.index(SHARED) < scripts.index(user), path
