import io
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seeds" / "000_69c77c951ca3eda0.txt"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads go to a per-test folder, never into the project."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _static_without_collectstatic(settings):
    """Serve static files from the source folders; the hashed manifest exists only after collectstatic."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip(f"the seed page is not beside this checkout ({SEED.name} in ../shared/seeds)")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def demo(db, seed_text):
    """The demo newsroom as `make run` loads it."""
    from django.core.management import call_command

    call_command("load_demo", "--seed", str(SEED), "--no-users", stdout=io.StringIO())


def _staff(django_user_model, username: str, group: str | None):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        username=username, password="pw-for-tests", is_staff=True, first_name=username.title(), last_name="Tester",
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def writer(db, django_user_model):
    return _staff(django_user_model, "writer", "Writer")


@pytest.fixture
def other_writer(db, django_user_model):
    return _staff(django_user_model, "otherwriter", "Writer")


@pytest.fixture
def editor(db, django_user_model):
    return _staff(django_user_model, "editor", "Editor")


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Hashing strength is Django's concern; tests only need logins to work."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    """Notifications run in the test's own process, so their mail can be read from the outbox."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.COMMENTS_MODERATOR_NOTIFICATIONS = "each"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and presence live in the cache; each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def moderator(db, django_user_model):
    user = _staff(django_user_model, "moddy", "Moderator")
    user.email = "moddy@example.com"
    user.save()
    return user
