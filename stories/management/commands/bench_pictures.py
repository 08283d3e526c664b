"""Benchmark: a 12-megapixel camera JPEG through the picture pipeline.

Prints, best of N: the upload (the admin form's checks, metadata stripping,
storing), metadata stripping alone, and the renditions a story page needs
for its hero picture; and the peak memory of each. The reference, measured
in the same run, is a bare Pillow open-and-save of the same file (JPEG,
quality 85): the ratios travel between machines better than the seconds.
Everything it stores is deleted again.
"""

import io
import os
import resource
import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from PIL import Image
from wagtail.images.forms import get_image_form
from wagtail.models import Collection

from stories.image_privacy import without_identifying_metadata
from stories.images import StoryImage
from stories.renditions import specs

SIZE = (4000, 3000)


def camera_jpeg():
    """A noisy 12 MP JPEG with the EXIF a phone writes, GPS included."""
    noise = Image.effect_noise(SIZE, 64).convert("RGB")
    gradient = Image.linear_gradient("L").resize(SIZE).convert("RGB")
    picture = Image.blend(noise, gradient, 0.5)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # make
    exif[0xA431] = "SERIAL-0042"  # body serial number
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 12.5), 3: "W", 4: (0.0, 7.0, 39.9)}  # GPS
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=90, exif=exif)
    return buffer.getvalue()


def peak_memory_mb(work):
    """Peak extra memory of `work`, run in a forked child so each measure stands alone."""
    connections.close_all()  # the child opens its own database connection
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child process
        os.close(read_end)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        work()
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        os.write(write_end, str(max(0, after - before)).encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as result:
        kilobytes = int(result.read() or 0)
    os.waitpid(child, 0)
    return kilobytes / 1024


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=3)

    def handle(self, *args, repeat, **options):
        data = camera_jpeg()
        collection = Collection.get_first_root_node()
        made = []

        def reference():
            out = io.BytesIO()
            Image.open(io.BytesIO(data)).save(out, "JPEG", quality=85)

        def strip():
            without_identifying_metadata(SimpleUploadedFile("camera.jpg", data))

        def upload():
            form = get_image_form(StoryImage)(
                {"title": "Benchmark", "alt_text": "Benchmark", "collection": collection.pk},
                {"file": SimpleUploadedFile("camera.jpg", data, content_type="image/jpeg")},
            )
            if not form.is_valid():
                raise CommandError(f"The benchmark photo was refused: {form.errors.as_text()}")
            made.append(form.save())

        def upload_and_delete():
            upload()
            forget(made.pop())

        def forget(image):
            image.delete()  # Wagtail deletes its file and renditions with it

        def renditions():
            image = made[-1]
            image.get_renditions(*specs("hero"), *specs("card"))
            for rendition in list(image.renditions.all()):
                rendition.delete()

        def best(work):
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                work()
                times.append(time.perf_counter() - started)
            return min(times)

        try:
            figures = {
                "reference: Pillow open + save": best(reference),
                "metadata strip": best(strip),
                "upload to stored": best(upload),
                "renditions for a story page (9)": best(renditions),
            }
            memory = {
                "reference: Pillow open + save": peak_memory_mb(reference),
                "metadata strip": peak_memory_mb(strip),
                "upload to stored": peak_memory_mb(upload_and_delete),
                "renditions for a story page (9)": peak_memory_mb(renditions),
            }
        finally:
            for image in StoryImage.objects.filter(pk__in=[image.pk for image in made]):
                forget(image)

        reference_time = figures["reference: Pillow open + save"]
        reference_memory = memory["reference: Pillow open + save"] or 1
        self.stdout.write(
            f"12-megapixel JPEG ({len(data) / 1_000_000:.1f} MB), best of {repeat}:\n"
        )
        self.stdout.write(f"{'':34}{'seconds':>9}{'ratio':>8}{'peak MB':>10}{'ratio':>8}")
        for name, seconds in figures.items():
            self.stdout.write(
                f"{name:34}{seconds:9.2f}{seconds / reference_time:8.1f}"
                f"{memory[name]:10.0f}{memory[name] / reference_memory:8.1f}"
            )
