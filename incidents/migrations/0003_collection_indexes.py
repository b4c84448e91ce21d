"""The collection's order as a partial index; links from notices and FAQ pages are read at render.

``CaseLink`` is dropped: a notice or FAQ page shows 「関連する事例」 for the case
addresses its body contains (``incidents.links``), so there is no second copy
of those links to keep in step when a body is edited or a case withdrawn.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0002_default_categories"),
    ]

    operations = [
        migrations.DeleteModel(name="CaseLink"),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                models.OrderBy(models.F("occurred_on"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("published_at__isnull", False)),
                name="case_collection_order",
            ),
        ),
    ]
