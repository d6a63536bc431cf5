"""The reader's comment form: a signed target and timestamp, a honeypot, and nothing a person wrote is lost."""

import secrets
import time

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout, Submit
from django import forms
from django.conf import settings
from django.core import signing

from newsroom.ids import parse_id

from .models import CommentFlag, UsedFormToken
from .services import FORM_USED
from .text import unreadable_reason

SALT = "comments.form"
HONEYPOT = "website"


def form_token(article_id: int, *, now: float | None = None) -> str:
    """A signed token for one form: its article, when it was shown, and a random number its comment spends."""
    at = int(now if now is not None else time.time())
    return signing.dumps({"article": article_id, "at": at, "nonce": secrets.token_hex(16)}, salt=SALT)


def readable(text: str) -> str:
    """Validator: refuse text other readers could not see or would misread (see comments.text)."""
    if reason := unreadable_reason(text):
        raise forms.ValidationError(reason, code="unreadable")
    return text


class CommentForm(forms.Form):
    name = forms.CharField(max_length=80, label="Name", validators=[readable])
    email = forms.EmailField(max_length=254, label="E-mail", help_text="Never shown; we use it only to tell you about replies if you ask.")
    body = forms.CharField(
        label="Comment", max_length=settings.COMMENTS_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=f"Plain text, up to {settings.COMMENTS_MAX_LENGTH} characters. Web addresses become links.",
    )
    notify_replies = forms.BooleanField(required=False, label="E-mail me when someone replies to my comment")
    parent = forms.CharField(required=False, strip=False, label="Reply to", widget=forms.HiddenInput)
    # Empty in a page every reader shares (the page cache): comment_form.js asks for one, or the server gives the
    # text back with one when the form is sent without.
    token = forms.CharField(
        widget=forms.HiddenInput,
        error_messages={"required": "We could not check this form yet. Your text is below: please send it again."},
    )
    # People leave this empty because they never see it; form-filling robots fill it in.
    website = forms.CharField(required=False, label="Leave this field empty", max_length=200)

    def __init__(self, *args, article_id: int, now: float | None = None, shared: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.article_id, self.now, self.nonce = article_id, now, ""
        # A shared form (in a page any reader may be served) carries nothing of one reader: no token, no CSRF.
        self.shared = shared
        self.fields["token"].initial = "" if shared else form_token(article_id, now=now)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        # The fields only: the section sums up every error at the top of the form (comments/_section.html).
        self.helper.template = "comments/_form_fields.html"
        self.helper.layout = Layout(
            "name", "email", "body", "notify_replies", "parent", "token",
            Field(HONEYPOT, wrapper_class="comment-honeypot", autocomplete="off", tabindex="-1"),
            Submit("submit", "Post comment"),
        )

    def error_summary(self) -> list[tuple[str, str]]:
        """Every error, each with the id of the field to correct, or "" when there is no field a reader can go to."""
        summary = [(message, "") for message in self.non_field_errors()]
        for field in self:
            anchor = "" if field.is_hidden or field.name == HONEYPOT else field.id_for_label
            summary += [(f"{field.label}: {message}", anchor) for message in field.errors]
        return summary

    def clean_parent(self) -> int | None:
        value = self.cleaned_data["parent"]
        if not value:
            return None
        parent = parse_id(value)
        if parent is None:
            raise forms.ValidationError(
                "The comment you are replying to could not be found; your text is below as a new comment."
            )
        return parent

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError("This field must stay empty.")
        return ""

    def clean(self):
        cleaned = super().clean()
        if "token" not in self.errors:
            self._check_token(self.data.get(self.add_prefix("token"), ""))
        return cleaned

    def _check_token(self, token: str) -> None:
        try:
            payload = signing.loads(token, salt=SALT)
        except signing.BadSignature:
            raise forms.ValidationError("This form was damaged on the way. Please send your comment again.") from None
        if payload.get("article") != self.article_id:
            raise forms.ValidationError("This form belongs to another article. Please send your comment again.")
        age = (self.now if self.now is not None else time.time()) - payload.get("at", 0)
        if age < settings.COMMENTS_MIN_SECONDS:
            raise forms.ValidationError("That was very quick. Please read your comment once more, then send it again.")
        if age > settings.COMMENTS_MAX_AGE_SECONDS:
            raise forms.ValidationError(
                "This form was open for more than two hours, so we refreshed it. Your text is still here: send it again."
            )
        nonce = payload.get("nonce")
        if not isinstance(nonce, str) or not nonce:
            raise forms.ValidationError("We refreshed this form. Your text is still here: send it again.")
        if UsedFormToken.objects.filter(nonce=nonce).exists():
            raise forms.ValidationError(FORM_USED, code="token_used")
        self.nonce = nonce

    def refreshed(self) -> "CommentForm":
        """The same text with a new token, so a reader whose form expired can simply send again."""
        data = self.data.copy()
        data[self.add_prefix("token")] = form_token(self.article_id, now=self.now)
        form = CommentForm(data, article_id=self.article_id, now=self.now)
        form._errors = self._errors
        return form


class FlagForm(forms.Form):
    reason = forms.ChoiceField(choices=CommentFlag.Reason.choices, widget=forms.RadioSelect, label="What is wrong?")
    note = forms.CharField(required=False, max_length=300, label="Anything our moderators should know (optional)",
                           widget=forms.Textarea(attrs={"rows": 3}), validators=[readable])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout("reason", "note", Submit("submit", "Send report"))


class PersonalDataForm(forms.Form):
    email = forms.EmailField(label="Commenter's e-mail address")
    confirm = forms.BooleanField(required=False, label="Yes, erase everything stored about this address")
