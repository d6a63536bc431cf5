from django.core.management.base import BaseCommand

from articles import services
from articles.models import Article, Author


class Command(BaseCommand):
    help = (
        "Give lead images and author photos stored under their upload names random, unguessable names "
        "(renditions too), removing the old files. Safe to run again: pictures already renamed are left alone."
    )

    def handle(self, *args, **options):
        renamed = missing = 0
        for model, field in ((Article, "lead_image"), (Author, "photo")):
            for instance in model.objects.exclude(**{field: ""}).only("pk", field).iterator():
                try:
                    renamed += services.picture_give_random_name(instance=instance, field=field)
                except OSError as error:
                    missing += 1
                    self.stderr.write(f"{model._meta.verbose_name} {instance.pk}: {getattr(instance, field).name}: {error}")
        self.stdout.write(self.style.SUCCESS(f"Gave {renamed} pictures random names ({missing} files could not be read)."))
