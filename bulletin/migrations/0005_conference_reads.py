"""The e-conference room: posts numbered within their thread, and each reader's read state."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def number_existing_posts(apps, schema_editor):
    """Number every thread's posts 1, 2, 3… in the order they were posted."""
    Post = apps.get_model("bulletin", "Post")
    posts = Post.objects.order_by("thread_id", "created_at", "pk").only("pk", "thread_id")
    thread, number, batch = None, 0, []
    for post in posts.iterator(chunk_size=2000):
        if post.thread_id != thread:
            thread, number = post.thread_id, 0
        number += 1
        post.number = number
        batch.append(post)
        if len(batch) >= 2000:
            Post.objects.bulk_update(batch, ["number"])
            batch = []
    Post.objects.bulk_update(batch, ["number"])


class Migration(migrations.Migration):
    dependencies = [
        ("bulletin", "0004_notice_drafts_and_revisions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="post",
            name="number",
            field=models.PositiveIntegerField(editable=False, null=True, verbose_name="number"),
        ),
        migrations.RunPython(number_existing_posts, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="post",
            name="number",
            field=models.PositiveIntegerField(editable=False, verbose_name="number"),
        ),
        migrations.AddConstraint(
            model_name="post",
            constraint=models.UniqueConstraint(
                fields=("thread", "number"), name="post_number_once"
            ),
        ),
        migrations.CreateModel(
            name="ThreadRead",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "last_seen_number",
                    models.PositiveIntegerField(default=0, verbose_name="last post number read"),
                ),
                (
                    "thread",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="bulletin.thread",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "thread read state",
                "verbose_name_plural": "thread read states",
                "constraints": [
                    models.UniqueConstraint(fields=("user", "thread"), name="thread_read_once")
                ],
            },
        ),
    ]
