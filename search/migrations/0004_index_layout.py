from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("search", "0003_document_parts")]

    operations = []
