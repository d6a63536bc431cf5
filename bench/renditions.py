"""Sizes and making time of lead image renditions, against the uploaded original, in the same run.

    python bench/renditions.py [PHOTO]        # without PHOTO, a synthetic 3000 × 2000 photo-like picture

Renditions are written to Django's in-memory storage; nothing touches the disk or a database.
"""

import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def synthetic_photo() -> bytes:
    """Smooth gradients with grain and some sharp shapes: closer to a photo's entropy than a flat colour."""
    from PIL import Image, ImageDraw, ImageFilter

    width, height = 3000, 2000
    sky = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    noise = Image.effect_noise((width, height), 40).convert("RGB")
    picture = Image.blend(sky, noise, 0.25).filter(ImageFilter.GaussianBlur(1.2))
    draw = ImageDraw.Draw(picture)
    for n in range(40):
        x, y = (n * 397) % width, (n * 211) % height
        draw.rectangle((x, y, x + 180, y + 120), fill=((n * 53) % 255, (n * 97) % 255, (n * 31) % 255))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def main() -> None:
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django
    from django.conf import settings

    django.setup()
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.db.models.fields.files import FieldFile

    from articles import images
    from articles.models import Article

    original = Path(sys.argv[1]).read_bytes() if len(sys.argv) > 1 else synthetic_photo()
    name = default_storage.save("lead/bench/photo.jpg", ContentFile(original))
    file = FieldFile(Article(), Article._meta.get_field("lead_image"), name)
    started = time.perf_counter()
    made = images.make_renditions(file, focal=(50, 40))
    took = time.perf_counter() - started
    print(f"original: {len(original):,} bytes; {sum(1 for _ in images.rendition_names(made))} renditions "
          f"made in {took:.2f} s")
    print(f"{'shape':<6} {'size':>11} {'JPEG bytes':>11} {'WebP bytes':>11} {'WebP/JPEG':>10} {'JPEG/original':>14}")
    for shape in images.SHAPES:
        for size in made[shape]:
            jpeg, webp = size["jpeg"]["bytes"], size["webp"]["bytes"]
            print(f"{shape:<6} {size['width']:>5} × {size['height']:<4} {jpeg:>11,} {webp:>11,} {webp / jpeg:>10.2f} "
                  f"{jpeg / len(original):>14.3f}")


if __name__ == "__main__":
    main()
