"""Lead image renditions: made once with Pillow, written through the storage API, described on the article.

Every rendition is written with the image field's storage (the project's default storage), never to a path on
this server's disk, so an S3-like backend works by configuration alone. The article keeps a small description
of what was made (names, pixel sizes, bytes), so pages know widths and heights without opening any file.
"""

import hashlib
import io
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from PIL import Image, ImageCms, ImageOps

WIDTHS = (480, 800, 1200)
FALLBACK_WIDTH = 800
# "full" keeps the photo's own shape for the article page; "card" is a 3:2 crop for cards and social previews.
SHAPES: dict[str, tuple[int, int] | None] = {"full": None, "card": (3, 2)}
FORMATS = {
    "webp": ("WEBP", "image/webp", {"quality": 80, "method": 4}),
    "jpeg": ("JPEG", "image/jpeg", {"quality": 82, "optimize": True, "progressive": True}),
}
# Raise it when the recipe changes: every description of an older recipe then counts as stale.
VERSION = 1
FOLDER = "renditions"
# Real colour profiles are a few KB (sRGB 3, Display P3 0.5, a printer's up to ~60); anything larger is dropped.
ICC_PROFILE_MAX_BYTES = 64 * 1024


# How an upload is stored: web formats keep theirs, a GIF becomes a PNG of its first frame (lossless, and no
# animation on a news page). Quality 90 keeps a re-encoded photo indistinguishable from its upload.
STORED_FORMATS = {
    "JPEG": ("JPEG", ".jpg", {"quality": 90}),
    "MPO": ("JPEG", ".jpg", {"quality": 90}),  # a phone's JPEG with a depth map attached: the photo alone
    "PNG": ("PNG", ".png", {}),
    "WEBP": ("WEBP", ".webp", {"quality": 90}),
    "GIF": ("PNG", ".png", {}),
}


def colour_profile(data: bytes | None) -> bytes | None:
    """The picture's colour profile rewritten from what it parses to, or None unless it is a real, small profile.

    An upload's profile is bytes the uploader chose: rewritten, a script or anything carried after or around it
    stays behind.
    """
    if not data or len(data) > ICC_PROFILE_MAX_BYTES:
        return None
    try:
        return ImageCms.ImageCmsProfile(io.BytesIO(data)).tobytes()
    except (OSError, ValueError, TypeError, ImageCms.PyCMSError):
        return None


def reencoded(name: str, content) -> tuple[str, ContentFile]:
    """The picture alone: turned upright, without metadata, comments or bytes after its end, in a web format.

    Only the colour profile stays (colours as shot) and a palette's transparency. Checked against the pixel
    limit from its header first, for code that stores a picture without the upload form's checks.
    """
    from django.conf import settings

    from .validators import UPLOAD_FORMATS

    content.seek(0)
    with Image.open(content, formats=UPLOAD_FORMATS) as image:
        if image.width * image.height > settings.NEWSROOM_IMAGE_MAX_PIXELS:
            raise ValueError(f"{name} is {image.width} × {image.height} pixels, over NEWSROOM_IMAGE_MAX_PIXELS.")
        pillow_format, suffix, options = STORED_FORMATS[image.format]
        kept = {key: image.info[key] for key in ("transparency",) if key in image.info}
        if profile := colour_profile(image.info.get("icc_profile")):
            kept["icc_profile"] = profile
        image.load()
        ImageOps.exif_transpose(image, in_place=True)
        # What Pillow would otherwise copy from the original (comments, EXIF, XMP, text chunks) goes here.
        image.info = {}
        buffer = io.BytesIO()
        image.save(buffer, pillow_format, **kept, **options)
    content.seek(0)
    return str(PurePosixPath(name).with_suffix(suffix)), ContentFile(buffer.getvalue())


def limit_pixels(*, setting: str = "NEWSROOM_IMAGE_MAX_PIXELS", **kwargs) -> None:
    """Tie Pillow's decompression-bomb guard to our limit: whatever opens a picture of over twice as many fails."""
    from django.conf import settings

    if setting == "NEWSROOM_IMAGE_MAX_PIXELS":
        Image.MAX_IMAGE_PIXELS = settings.NEWSROOM_IMAGE_MAX_PIXELS


def target_widths(width: int) -> list[int]:
    """The widths to make from a picture this wide: never wider than the picture itself."""
    return sorted({*(w for w in WIDTHS if w < width), min(width, WIDTHS[-1])})


def crop_box(size: tuple[int, int], aspect: tuple[int, int] | None, focal: tuple[int, int] | None) -> tuple[int, int, int, int]:
    """The largest box of the given aspect inside the picture, centred on the focal point (per cent) as far as it can be."""
    width, height = size
    if aspect is None:
        return 0, 0, width, height
    fx, fy = focal if focal is not None else (50, 50)
    ratio = aspect[0] / aspect[1]
    if width / height > ratio:
        crop_width = round(height * ratio)
        left = min(max(round(fx / 100 * width - crop_width / 2), 0), width - crop_width)
        return left, 0, left + crop_width, height
    crop_height = round(width / ratio)
    top = min(max(round(fy / 100 * height - crop_height / 2), 0), height - crop_height)
    return 0, top, width, top + crop_height


def is_current(description: dict, *, source: str, focal: tuple[int, int] | None) -> bool:
    """Whether a description was made by this recipe from this image with this focal point."""
    return (
        bool(description)
        and description.get("version") == VERSION
        and description.get("source") == source
        and tuple(description.get("focal") or ()) == tuple(focal or ())
    )


def _flattened(image: Image.Image) -> Image.Image:
    """RGB, turned upright as the camera meant, transparency laid on white (JPEG has none)."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P", "PA"):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _reduced(image: Image.Image) -> Image.Image:
    """The picture at the smallest whole fraction of its size that still covers the widest rendition both ways.

    A JPEG is decoded at that scale directly; other formats are decoded once and reduced before any copy is made,
    so a large photo never exists twice at full size.
    """
    image.draft(None, (WIDTHS[-1], WIDTHS[-1]))
    factor = min(image.width // WIDTHS[-1], image.height // WIDTHS[-1])
    return image.reduce(factor) if factor > 1 else image


def _encode(image: Image.Image, fmt: str, icc_profile: bytes | None) -> bytes:
    pillow_format, _, options = FORMATS[fmt]
    buffer = io.BytesIO()
    # Camera metadata (places, serial numbers) stays behind; the colour profile keeps colours as shot.
    image.save(buffer, pillow_format, icc_profile=icc_profile, **options)
    return buffer.getvalue()


def make_renditions(file, *, focal: tuple[int, int] | None, shapes: tuple[str, ...] = tuple(SHAPES)) -> dict:
    """Write every shape (of `shapes`), width and format of an image through its storage; return their description."""
    storage = file.storage
    with file.open("rb") as handle, Image.open(handle) as original:
        # Checked here too: originals stored before uploads were re-encoded still carry the uploader's bytes.
        icc_profile = colour_profile(original.info.get("icc_profile"))
        image = _flattened(_reduced(original))
    source = PurePosixPath(file.name)
    key = hashlib.sha256(f"{file.name}|{focal}|{VERSION}".encode()).hexdigest()[:10]
    folder = PurePosixPath(FOLDER, source.parent, f"{source.stem}-{key}")
    description = {"version": VERSION, "source": file.name, "focal": list(focal) if focal else None}
    made: dict[tuple, list] = {}
    for shape in shapes:
        aspect = SHAPES[shape]
        box = crop_box(image.size, aspect, focal)
        if box in made:
            # A photo already in the card's shape: both shapes share the same files.
            description[shape] = made[box]
            continue
        box_width, box_height = box[2] - box[0], box[3] - box[1]
        ratio = aspect[0] / aspect[1] if aspect else box_width / box_height
        sizes = []
        for width in target_widths(box_width):
            height = max(1, round(width / ratio))
            resized = image.resize((width, height), Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)
            size = {"width": width, "height": height}
            for fmt in FORMATS:
                data = _encode(resized, fmt, icc_profile)
                name = storage.save(str(folder / f"{shape}-{width}.{fmt.replace('jpeg', 'jpg')}"), ContentFile(data))
                size[fmt] = {"name": name, "bytes": len(data)}
            sizes.append(size)
        description[shape] = made[box] = sizes
    return description


def rendition_names(description: dict) -> set[str]:
    return {
        size[fmt]["name"] for shape in SHAPES for size in description.get(shape, ()) for fmt in FORMATS if fmt in size
    }


def delete_renditions(storage, old: dict, *, keep: dict) -> None:
    """Remove the files of an old description that a new one no longer uses."""
    for name in rendition_names(old) - rendition_names(keep):
        storage.delete(name)


def remove_renditions_of_deleted(sender, instance, using, **kwargs) -> None:
    """A deleted article's renditions go with it, once the deletion is committed (the original goes with its field)."""
    from django.db import transaction

    storage = instance._meta.get_field("lead_image").storage
    made = instance.lead_image_renditions or {}
    transaction.on_commit(lambda: delete_renditions(storage, made, keep={}), using=using)


def remove_renditions_with(picture_field: str, renditions_field: str):
    """A post_delete receiver for a model with a picture and its renditions: they go once the deletion is committed."""

    def remove(sender, instance, using, **kwargs) -> None:
        from django.db import transaction

        storage = instance._meta.get_field(picture_field).storage
        made = getattr(instance, renditions_field) or {}
        transaction.on_commit(lambda: delete_renditions(storage, made, keep={}), using=using)

    return remove


@dataclass(frozen=True)
class ImageFile:
    url: str
    mime_type: str
    bytes: int | None = None


@dataclass(frozen=True)
class Size:
    width: int
    height: int
    jpeg: ImageFile
    webp: ImageFile | None = None


@dataclass(frozen=True)
class Shape:
    """One shape of a picture in every width made, narrowest first."""

    sizes: tuple[Size, ...]

    @property
    def has_webp(self) -> bool:
        return all(size.webp for size in self.sizes)

    @property
    def fallback(self) -> Size:
        """What browsers without srcset get, and what sets the width and height attributes: about 800 wide."""
        return min(self.sizes, key=lambda size: abs(size.width - FALLBACK_WIDTH))

    @property
    def largest(self) -> Size:
        return self.sizes[-1]


class LeadPicture:
    """An article's lead image as pages, feeds and structured data use it."""

    def __init__(self, file, description: dict | None):
        self._file = file
        self._description = description

    @classmethod
    def of(cls, file, description: dict | None, *, focal: tuple[int, int] | None = None) -> "LeadPicture | None":
        """Any stored picture with the description of its renditions, as long as they were made from it."""
        if not file:
            return None
        current = is_current(description or {}, source=file.name, focal=focal)
        return cls(file, description if current else None)

    @classmethod
    def for_article(cls, article) -> "LeadPicture | None":
        if not article.lead_image:
            return None
        description = article.lead_image_renditions
        current = is_current(description, source=article.lead_image.name, focal=article.focal_point)
        return cls(article.lead_image, description if current else None)

    @property
    def has_renditions(self) -> bool:
        return self._description is not None

    def _shape(self, name: str) -> Shape:
        if self._description is None:
            # Until renditions exist, the original stands in for every shape (its size is read from the file).
            original = Size(
                width=self._file.width, height=self._file.height,
                jpeg=ImageFile(url=self._file.url, mime_type=Image.MIME.get(_format_of(self._file.name), "image/jpeg")),
            )
            return Shape(sizes=(original,))
        storage = self._file.storage
        return Shape(sizes=tuple(
            Size(
                width=size["width"], height=size["height"],
                **{fmt: ImageFile(url=storage.url(size[fmt]["name"]), mime_type=FORMATS[fmt][1], bytes=size[fmt]["bytes"])
                   for fmt in FORMATS},
            )
            for size in self._description[name]
        ))

    @cached_property
    def full(self) -> Shape:
        return self._shape("full")

    @cached_property
    def card(self) -> Shape:
        return self._shape("card")


def _format_of(name: str) -> str:
    return {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP"}.get(
        PurePosixPath(name).suffix.lower().lstrip("."), "JPEG"
    )
