"""Every body block gets a stable identity of its own; blocks saved before get one each."""

import uuid

from django.db import migrations, models

BLOCK_MODELS = ["textsection", "participanttable", "callout", "discussionprompt", "faqentry"]


def give_each_block_its_own_uid(apps, schema_editor):
    for name in BLOCK_MODELS:
        model = apps.get_model("articles", name)
        for block in model.objects.only("pk").iterator():
            model.objects.filter(pk=block.pk).update(uid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_merge_pictures_and_desk")]

    operations = [
        *(
            migrations.AddField(
                model_name=name, name="uid",
                field=models.UUIDField(db_index=True, default=uuid.uuid4),
            )
            for name in BLOCK_MODELS
        ),
        migrations.RunPython(give_each_block_its_own_uid, migrations.RunPython.noop, elidable=True),
        *(
            migrations.AlterField(
                model_name=name, name="position",
                field=models.PositiveIntegerField(
                    default=0, help_text="Where this goes in the body: the editor sets it from the order the writer sees.",
                ),
            )
            for name in BLOCK_MODELS
        ),
    ]
