"""The categories the city starts with (also made by migration 0002, which keeps its own copy).

``ensure_defaults`` puts back any that are missing, for a database emptied
after its migrations ran (the demo loader on a flushed database).
"""

DEFAULTS = [
    ("誤送付・誤交付", "宛先・交付相手の誤り、封入誤り、他人の書類の混入"),
    ("紛失", "書類・記録媒体・物品の紛失や所在不明"),
    ("入力・計算誤り", "システムへの入力誤り、税額・給付額などの計算誤り"),
    ("説明誤り", "窓口・電話での案内や説明の誤り"),
    ("期限徒過", "申請・通知・支払などの期限を過ぎたもの"),
    ("情報漏えいのおそれ", "個人情報が第三者に知られたおそれがあるもの"),
    ("システム操作", "システムの操作誤り、設定誤り"),
    ("その他", "上記のいずれにも当たらないもの"),
]


def ensure_defaults():
    from .models import Category

    for order, (name, description) in enumerate(DEFAULTS, start=1):
        Category.objects.get_or_create(
            name=name, defaults={"description": description, "sort_order": order * 10}
        )
