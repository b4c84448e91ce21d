from django.db import migrations, models
from django.db.models import F


def searches_so_far_counted_only_hits_with_every_word(apps, schema_editor):
    apps.get_model("search", "SearchQueryLog").objects.update(all_words_hits=F("hits"))


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0005_synonym_groups"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchquerylog",
            name="all_words_hits",
            field=models.PositiveIntegerField(default=0, verbose_name="hits with every word"),
        ),
        migrations.RunPython(
            searches_so_far_counted_only_hits_with_every_word, migrations.RunPython.noop
        ),
    ]
