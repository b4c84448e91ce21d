"""Each finding carries a short Japanese label for the screens that warn about it."""

import pytest
from django.utils import translation

from intranet.privacy import KINDS, Finding

JAPANESE = {
    "my_number": "マイナンバー（個人番号）",
    "corporate_number": "法人番号",
    "phone": "電話番号",
    "email": "メールアドレス",
    "birth_date": "生年月日",
    "address": "住所",
    "person_name": "氏名",
}


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_a_japanese_label(kind):
    with translation.override("ja"):
        assert Finding(0, 1, kind, "x").label == JAPANESE[kind]


def test_the_address_label_leaves_the_login_logs_address_alone():
    with translation.override("ja"):
        assert translation.gettext("Address") == "接続元アドレス"
        assert Finding(0, 1, "address", "x").label == "住所"
