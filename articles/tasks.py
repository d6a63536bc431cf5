"""Mail about workflow steps, sent off the request path through Django's tasks framework."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse

from .workflow import EDITOR_PERMISSION

logger = logging.getLogger(__name__)

# Which step tells whom, and with which template; steps not named here send nothing.
AUDIENCES = {
    "submit": ("editors", "For review: “{headline}”", "articles/email/submitted.txt"),
    "send_back": ("writers", "Sent back: “{headline}”", "articles/email/sent_back.txt"),
    "publish": ("byline", "Published: “{headline}”", "articles/email/published.txt"),
    "schedule": ("byline", "Scheduled: “{headline}”", "articles/email/published.txt"),
}


def _editors():
    """Every active editor: sections have no editors of their own yet, so the whole desk hears of a submission."""
    app_label, codename = EDITOR_PERMISSION.split(".")
    granted = Q(permissions__codename=codename, permissions__content_type__app_label=app_label)
    return get_user_model().objects.filter(
        Q(is_superuser=True)
        | Q(groups__in=Group.objects.filter(granted))
        | Q(user_permissions__codename=codename, user_permissions__content_type__app_label=app_label),
        is_active=True,
    )


def _recipients(article, audience: str, actor_id: int | None) -> list[str]:
    if audience == "editors":
        users = _editors()
    else:
        byline_users = article.authors.filter(user__isnull=False).values("user")
        people = Q(pk__in=byline_users)
        if audience == "writers":
            people |= Q(pk=article.created_by_id)
        users = get_user_model().objects.filter(people, is_active=True)
    # Whoever took the step knows about it already.
    emails = users.exclude(pk=actor_id).exclude(email="").values_list("email", flat=True)
    return sorted(set(emails))


@task
def notify_step(transition_id: int) -> int:
    """Tell the people a workflow step concerns; returns the number of messages sent."""
    from .models import Transition

    step = Transition.objects.select_related("article", "by").filter(pk=transition_id).first()
    if step is None or step.action not in AUDIENCES:
        return 0
    audience, subject, template = AUDIENCES[step.action]
    article = step.article
    recipients = _recipients(article, audience, step.by_id)
    if not recipients:
        return 0
    # Mail is read away from the site: its links carry the site's scheme and host.
    context = {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "step": step,
        "article": article,
        "who": (step.by.get_full_name() or step.by.get_username()) if step.by else "Someone",
        "edit_url": settings.NEWSROOM_SITE_URL + reverse("admin:articles_article_change", args=[article.pk]),
        "public_url": settings.NEWSROOM_SITE_URL + article.get_absolute_url(),
    }
    body = render_to_string(template, context)
    # One message each: colleagues' addresses are not handed round in the To line.
    subject = subject.format(headline=article.headline)
    return send_mass_mail([(subject, body, None, [recipient]) for recipient in recipients])


def queue_step_notice(transition_id: int) -> None:
    """After the step is committed, queue its mail; a step rolled back tells no one."""

    def enqueue():
        try:
            notify_step.enqueue(transition_id)
        except Exception:  # noqa: BLE001 - the step is stored; the mail is best effort
            logger.exception("Could not queue the notice of workflow step %s", transition_id)

    transaction.on_commit(enqueue)
