"""Drop Wagtail's sample "Editors" and "Moderators" groups: the intranet's roles replace them."""

from django.db import migrations


def remove_default_groups(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name__in=["Editors", "Moderators"]).delete()


class Migration(migrations.Migration):
    dependencies = [("intranet", "0002_create_homepage")]

    operations = [migrations.RunPython(remove_default_groups, migrations.RunPython.noop)]
