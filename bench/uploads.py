"""Peak memory of checking and storing a lead image, each case in a fresh process.

    python bench/uploads.py

Each case runs in its own Python process, so its peak resident memory (VmHWM on Linux, `ru_maxrss` elsewhere)
belongs to that case alone. "after setup" is the peak once Django and Pillow are imported; the other columns are the peak after
the lead image field's own checks (what the admin form runs) and after storing it as a save does (the file
through the storage API, then the renditions the admin makes). Files go to Django's in-memory storage; nothing
touches the disk or a database.
"""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CASES = {
    # The picture from the report: 131 KB on the wire, 39.7 million pixels once decoded.
    "PNG 6300 × 6300, one colour (a 'bomb')": ("PNG", (6300, 6300)),
    "PNG 20000 × 20000, one colour": ("PNG", (20000, 20000)),
    "JPEG 6000 × 4000 (a 24-megapixel camera)": ("JPEG", (6000, 4000)),
    "PNG 4900 × 4900 with transparency": ("PNG-alpha", (4900, 4900)),
}


def picture(kind: str, size: tuple[int, int]) -> bytes:
    from PIL import Image

    if kind == "PNG-alpha":
        image, kind = Image.new("RGBA", size, (120, 90, 60, 128)), "PNG"
    else:
        image = Image.new("RGB", size, (120, 90, 60))
    buffer = io.BytesIO()
    image.save(buffer, kind, **({"quality": 90} if kind == "JPEG" else {}))
    return buffer.getvalue()


def child(name: str) -> None:
    """Check and store the picture read from standard input; print the figures as JSON (memory in MB)."""
    import resource

    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings

    django.setup()
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from articles import images
    from articles.models import Article

    data = sys.stdin.buffer.read()

    def peak() -> float:
        """Peak resident memory of this process in MB: Linux's VmHWM, which unlike ru_maxrss (the fallback) does
        not start from the peak of the process that started this one."""
        status = Path("/proc/self/status")
        if status.exists():
            line = next(line for line in status.read_text().splitlines() if line.startswith("VmHWM:"))
            return int(line.split()[1]) / 1024
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    figures = {"bytes": len(data), "setup": peak()}
    upload = SimpleUploadedFile(name, data)
    field = Article._meta.get_field("lead_image")
    article = Article(headline="Bench", lead_image_alt="A picture")
    try:
        field.formfield().clean(upload)
        upload.seek(0)
        field.run_validators(upload)
    except ValidationError as refused:
        figures.update(checked=peak(), refused=" ".join(refused.messages))
        print(json.dumps(figures))
        return
    figures["checked"] = peak()
    upload.seek(0)
    setattr(article, field.attname, upload)
    stored = field.pre_save(article, add=True)
    images.make_renditions(stored, focal=None)
    figures["stored"] = peak()
    print(json.dumps(figures))


def main() -> None:
    print(f"{'case':<42} {'file':>9} {'after setup':>12} {'checked':>9} {'stored':>9}  outcome")
    for label, (kind, (width, height)) in CASES.items():
        # Made in a process of its own, so that ru_maxrss, which a child inherits from its parent, stays honest too.
        data = subprocess.run(
            [sys.executable, __file__, "--make", kind, str(width), str(height)], capture_output=True, check=True,
        ).stdout
        result = subprocess.run(
            [sys.executable, __file__, "--child", f"picture.{kind[:3].lower()}"],
            input=data, capture_output=True, cwd=ROOT,
        )
        if result.returncode:
            print(f"{label:<42} failed: {result.stderr.decode().strip().splitlines()[-1]}")
            continue
        figures = json.loads(result.stdout.decode().strip().splitlines()[-1])
        stored = f"{figures['stored']:.0f} MB" if "stored" in figures else "–"
        outcome = f"refused: {figures['refused']}" if "refused" in figures else "stored with renditions"
        print(f"{label:<42} {figures['bytes'] / 1024:>6,.0f} KB {figures['setup']:>9.0f} MB "
              f"{figures['checked']:>6.0f} MB {stored:>9}  {outcome}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--make"]:
        sys.stdout.buffer.write(picture(sys.argv[2], (int(sys.argv[3]), int(sys.argv[4]))))
    elif sys.argv[1:2] == ["--child"]:
        child(sys.argv[2])
    else:
        main()
