"""The picture field of lead images and author photos."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from PIL import Image

from . import images
from .validators import too_many_pixels


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
    """An image field that stores pictures re-encoded and whose form explains the pixel limit."""

    attr_class = PictureFieldFile

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PictureFormField, **kwargs})

    def deconstruct(self):
        # Nothing here changes the database: migrations keep seeing a plain ImageField.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs
