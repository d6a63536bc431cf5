"""Checks on uploaded lead images, shared by the admin form and the model."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError


def validate_lead_image(file) -> None:
    """Refuse files that are not real images, too large, or too small to lead a story."""
    max_bytes = settings.NEWSROOM_IMAGE_MAX_BYTES
    if file.size > max_bytes:
        raise ValidationError(
            "This image is %(size)s; the limit is %(limit)s. Export it smaller and upload again.",
            code="image_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(max_bytes)},
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            "This file is not an image we can read. Upload a JPEG, PNG, WebP or GIF.",
            code="image_invalid",
        ) from None
    finally:
        file.seek(position)
    if width < settings.NEWSROOM_IMAGE_MIN_WIDTH:
        raise ValidationError(
            "This image is %(width)s pixels wide; a lead image needs at least %(min)s.",
            code="image_too_narrow",
            params={"width": width, "min": settings.NEWSROOM_IMAGE_MIN_WIDTH},
        )
    if width * height > settings.NEWSROOM_IMAGE_MAX_PIXELS:
        raise ValidationError(
            "This image is %(width)s × %(height)s pixels, more than we can process. "
            "Resize it below %(max)s megapixels.",
            code="image_too_many_pixels",
            params={"width": width, "height": height, "max": settings.NEWSROOM_IMAGE_MAX_PIXELS // 1_000_000},
        )
