"""Checks on uploaded pictures (lead images, pictures in the body), shared by the admin form and the model."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

from . import embeds

# What browsers show everywhere; anything else (TIFF, BMP, PSD…) is refused rather than stored.
UPLOAD_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")


def validate_lead_image(file) -> None:
    """Refuse files that are not real images, too large, or too small to lead a story; pixels are never decoded."""
    validate_picture(file, what="a lead image")


def validate_body_image(file) -> None:
    """The same checks for a picture set in the body of a story."""
    validate_picture(file, what="a picture in the story")


def validate_picture(file, *, what: str) -> None:
    """Refuse files that are not real images, too large, or narrower than `what` needs; pixels are never decoded."""
    max_bytes = settings.NEWSROOM_IMAGE_MAX_BYTES
    max_pixels = settings.NEWSROOM_IMAGE_MAX_PIXELS
    if file.size > max_bytes:
        raise ValidationError(
            "This image is %(size)s; the limit is %(limit)s. Export it smaller and upload again.",
            code="image_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(max_bytes)},
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        # Opening reads the header only: the pixel count is known before a single pixel is decoded.
        with Image.open(file, formats=UPLOAD_FORMATS) as image:
            width, height = image.size
            if width * height > max_pixels:
                raise ValidationError(
                    "This image is %(width)s × %(height)s pixels, more than we can process. "
                    "Resize it to at most %(max)s megapixels and upload again.",
                    code="image_too_many_pixels",
                    params={"width": width, "height": height, "max": max_pixels // 1_000_000},
                )
            image.verify()
    except Image.DecompressionBombError:
        raise too_many_pixels() from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            "This file is not an image we can read. Upload a JPEG, PNG, WebP or GIF.",
            code="image_invalid",
        ) from None
    finally:
        file.seek(position)
    if width < settings.NEWSROOM_IMAGE_MIN_WIDTH:
        raise ValidationError(
            "This image is %(width)s pixels wide; %(what)s needs at least %(min)s.",
            code="image_too_narrow",
            params={"width": width, "min": settings.NEWSROOM_IMAGE_MIN_WIDTH, "what": what},
        )


def too_many_pixels() -> ValidationError:
    """What a journalist reads when Pillow refuses a picture outright (over twice the limit), before its size is known."""
    return ValidationError(
        "This image has far more pixels than we can process. Resize it to at most %(max)s megapixels and upload again.",
        code="image_too_many_pixels",
        params={"max": settings.NEWSROOM_IMAGE_MAX_PIXELS // 1_000_000},
    )


def validate_embed_link(value: str) -> None:
    """Refuse a link that no listed provider plays (articles.embeds), saying why."""
    try:
        embeds.parse(value)
    except embeds.Refused as refused:
        raise ValidationError(str(refused), code="embed_refused") from None
