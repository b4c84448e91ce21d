from django.db import migrations

# More starter groups. Staff ask in everyday native words (つながらない, 消したい,
# 借りたい, 休暇届) where the IT desk's pages write the Sino-Japanese term of
# the manual (接続, 削除, 貸出, 申請): each group pairs the two for one action.
# (name, words) — the IT desk edits them in the admin like the first ones.
STARTER_GROUPS = [
    ("申請", "申請・届出・届"),
    ("接続", "接続・繋がる"),
    ("送信", "送信・送る"),
    ("受信", "受信・届く"),
    ("削除", "削除・消す"),
    ("変更", "変更・変える"),
    ("取消", "取消・取り消す・キャンセル"),
    ("貸出", "貸出・借りる・借用"),
    ("故障", "故障・壊れる"),
    ("起動", "起動・立ち上げる"),
    ("遅い", "遅い・重い"),
]


def add_starter_groups(apps, schema_editor):
    """Add each group the IT desk has not already made under the same name."""
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    existing = set(SynonymGroup.objects.values_list("name", flat=True))
    SynonymGroup.objects.bulk_create(
        SynonymGroup(name=name, members=members)
        for name, members in STARTER_GROUPS
        if name not in existing
    )


def remove_starter_groups(apps, schema_editor):
    """Remove the groups as shipped; a group the IT desk has edited stays."""
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for name, members in STARTER_GROUPS:
        SynonymGroup.objects.filter(name=name, members=members).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0006_search_log_all_words_hits")]

    operations = [migrations.RunPython(add_starter_groups, remove_starter_groups)]
