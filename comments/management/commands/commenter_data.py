"""Export or erase everything stored about one commenter's e-mail address."""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from comments import services


class Command(BaseCommand):
    help = "Export (as JSON) or erase the personal data stored about one commenter's e-mail address."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("email")
        parser.add_argument("--yes", action="store_true", help="Confirm an erasure without asking.")
        parser.add_argument("--by", help="Username of the moderator recorded as having done it.")

    def handle(self, *args, action: str, email: str, yes: bool, by: str | None, **options):
        if action == "export":
            self.stdout.write(json.dumps(services.commenter_export(email=email), indent=2, ensure_ascii=False))
            return
        if not yes:
            raise CommandError("Erasing cannot be undone: add --yes to confirm.")
        user = get_user_model().objects.filter(username=by).first() if by else None
        if by and user is None:
            raise CommandError(f"No user named {by!r}.")
        erased = services.commenter_erase(email=email, by=user)
        self.stdout.write(self.style.SUCCESS(f"Erased the personal data of {erased} comment(s)."))
