"""The picture field of lead images, author photos and pictures in the body; the link field of embeds."""

import re
import secrets
from pathlib import PurePosixPath

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models.fields.files import ImageFieldFile
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from PIL import Image

from . import images
from .validators import too_many_pixels, validate_embed_link


# What RandomName gives a file: 32 hexadecimal digits and the picture's suffix.
RANDOM_NAME = re.compile(r"[0-9a-f]{32}\.[a-z0-9]+")


@deconstructible
class RandomName:
    """upload_to for pictures: a random name in a dated folder, never the name it was uploaded with.

    Stored files are served to anyone who has their address, a draft's picture too: 128 random bits make the
    address impossible to guess, and a file name such as "minister-resigns.jpg" cannot give a story away.
    """

    def __init__(self, folder: str):
        self.folder = folder  # strftime patterns allowed, as in Django's own upload_to

    def __call__(self, instance, filename: str) -> str:
        suffix = PurePosixPath(filename).suffix.lower()
        return str(PurePosixPath(timezone.now().strftime(self.folder), secrets.token_hex(16) + suffix))

    def __eq__(self, other) -> bool:
        return isinstance(other, RandomName) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)


class PictureFormField(forms.ImageField):
    """Django's image field, saying "too many pixels" where Pillow refused a picture as a decompression bomb."""

    def to_python(self, data):
        try:
            return super().to_python(data)
        except ValidationError as refused:
            if isinstance(refused.__cause__, Image.DecompressionBombError):
                raise too_many_pixels() from None
            raise


class PictureFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        """Store the picture re-encoded, never the uploaded bytes (see images.reencoded)."""
        name, content = images.reencoded(name, content)
        super().save(name, content, save)
        # Sizes read later in this request come from the stored picture (turned upright), not the upload.
        self.file = content
        self.__dict__.pop("_dimensions_cache", None)


class PictureField(models.ImageField):
    """An image field that stores pictures re-encoded, removes files no longer used, and explains the pixel limit.

    A picture replaced or cleared is removed from storage once the save is committed, and so is the picture of a
    deleted row; until then (or if the transaction rolls back) the file stays, so no row points at a missing file.
    """

    attr_class = PictureFieldFile

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PictureFormField, **kwargs})

    def deconstruct(self):
        # Nothing here changes the database: migrations keep seeing a plain ImageField.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:
            # Clean-up of storage after the row changed: a reaction to the save, not part of it.
            post_save.connect(self._remove_replaced, sender=cls, weak=False)
            post_delete.connect(self._remove_deleted, sender=cls, weak=False)

    def pre_save(self, model_instance, add):
        file = super().pre_save(model_instance, add)
        if not add and model_instance.pk is not None:
            db = model_instance._state.db or router.db_for_write(type(model_instance), instance=model_instance)
            previous = (
                type(model_instance)._base_manager.using(db).filter(pk=model_instance.pk)
                .values_list(self.attname, flat=True).first()
            )
            if previous and previous != file.name:
                model_instance.__dict__.setdefault("_replaced_pictures", {})[self.attname] = previous
        return file

    def _remove_replaced(self, sender, instance, using, **kwargs):
        if previous := instance.__dict__.get("_replaced_pictures", {}).pop(self.attname, None):
            self._remove_on_commit(previous, using)

    def _remove_deleted(self, sender, instance, using, **kwargs):
        if name := getattr(instance, self.attname).name:
            self._remove_on_commit(name, using)

    def _remove_on_commit(self, name: str, using: str) -> None:
        storage = self.storage
        transaction.on_commit(lambda: storage.delete(name), using=using)


class EmbedLinkFormField(forms.URLField):
    """A link field that says which providers may be embedded, rather than only “Enter a valid URL”."""

    default_validators = [validate_embed_link]


class EmbedLinkField(models.URLField):
    """A link to a video, post or track of a listed provider (articles.embeds); any other link is refused."""

    default_validators = [validate_embed_link]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": EmbedLinkFormField, **kwargs})

    def deconstruct(self):
        # Nothing here changes the database: migrations keep seeing a plain URLField.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.URLField", args, kwargs
