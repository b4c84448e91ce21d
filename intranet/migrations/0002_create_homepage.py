"""Replace Wagtail's welcome page with the intranet HomePage as the site root."""

import uuid

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("intranet.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    # Wagtail's own initial migration leaves a default page at depth 2.
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()

    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="intranet")
    home = HomePage.objects.create(
        title="ホーム",
        draft_title="ホーム",
        slug="home",
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        live=True,
        locale=Locale.objects.order_by("pk").first(),
        translation_key=uuid.uuid4(),
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "site_name": "庁内イントラネット"},
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("intranet.HomePage").objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("intranet", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        # Deleting the welcome page cascades into these apps' tables.
        ("wagtailsearch", "0010_add_text_fields"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailforms", "0005_alter_formsubmission_form_data"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
