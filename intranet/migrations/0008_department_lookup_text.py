from django.db import migrations, models


def fill_lookup_text(apps, schema_editor):
    """Departments made before get their name and reading folded for lookup (市民課 しみんか)."""
    from intranet.models import lookup_text_for

    Department = apps.get_model("intranet", "Department")
    for department in Department.objects.only("pk", "name"):
        department.lookup_text = lookup_text_for(department.name)
        department.save(update_fields=["lookup_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("intranet", "0007_heldupload"),
    ]

    operations = [
        migrations.AddField(
            model_name="department",
            name="lookup_text",
            field=models.CharField(default="", editable=False, max_length=400),
        ),
        migrations.RunPython(fill_lookup_text, migrations.RunPython.noop),
    ]
