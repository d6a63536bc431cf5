from django.db import migrations, models


def mark_erased(apps, schema_editor):
    """Comments erased before the flag existed are the ones commenter_erase left without an e-mail address."""
    Comment = apps.get_model("comments", "Comment")
    Comment.objects.filter(author_email="", author_name="[removed]", body="[removed]").update(erased=True)


class Migration(migrations.Migration):
    dependencies = [("comments", "0002_moderator_role")]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="erased",
            field=models.BooleanField(
                default=False, editable=False,
                help_text="The commenter's data was erased: shown as “[removed]”, without Reply or Report.",
            ),
        ),
        migrations.RunPython(mark_erased, migrations.RunPython.noop),
    ]
