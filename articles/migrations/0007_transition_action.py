from django.db import migrations, models

REVIEW_OR_SCHEDULED = ("in_review", "scheduled")


def name_past_steps(apps, schema_editor):
    """Steps logged before they carried a name get it from where they went (there was no withdrawal yet)."""
    Transition = apps.get_model("articles", "Transition")
    for step in Transition.objects.filter(action="").iterator():
        if step.from_status == step.to_status:
            action = "revert"
        elif step.note.startswith("Recovered after it was deleted"):
            action = "recover"
        elif step.to_status == "draft":
            action = "send_back" if step.from_status in REVIEW_OR_SCHEDULED else "to_draft"
        else:
            action = {"in_review": "submit", "published": "publish", "scheduled": "schedule",
                      "unpublished": "unpublish"}.get(step.to_status, "")
        Transition.objects.filter(pk=step.pk).update(action=action)


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0006_preview_revocation"),
    ]

    operations = [
        migrations.AddField(
            model_name="transition",
            name="action",
            field=models.CharField(blank=True, db_index=True, max_length=20),
        ),
        migrations.RunPython(name_past_steps, migrations.RunPython.noop),
    ]
