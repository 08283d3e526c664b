"""Pictures for the demo campaign, drawn with Pillow when the demo loads.

Drawn rather than shipped: nothing is downloaded, the repository stays small,
and no real person's face is ever in the demo. Each picture is a calm, simple
illustration of a scene, the same every time for the same key.
"""

import io
import random

from PIL import Image, ImageDraw, ImageFilter

PALETTES = {
    "dawn": ("#fbe3cf", "#f2b48c", "#c8644a", "#5b3a4a"),
    "sea": ("#dff1f0", "#9fd3cf", "#2f7f86", "#163e47"),
    "meadow": ("#eef5dc", "#b9d98e", "#5f9a4a", "#2d4a2a"),
    "dusk": ("#e7e2f3", "#b7a8de", "#6d5aa8", "#2e2550"),
}


def _palette(name):
    return PALETTES.get(name, PALETTES["dawn"])


def _sky(draw, size, top, bottom):
    width, height = size
    top_rgb = Image.new("RGB", (1, 1), top).getpixel((0, 0))
    bottom_rgb = Image.new("RGB", (1, 1), bottom).getpixel((0, 0))
    for y in range(height):
        mix = y / max(1, height - 1)
        colour = tuple(round(a + (b - a) * mix) for a, b in zip(top_rgb, bottom_rgb, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)


def _hills(draw, size, rng, colours):
    width, height = size
    for index, colour in enumerate(colours):
        base = height * (0.55 + 0.12 * index)
        points = [(0, height)]
        for x in range(0, width + 80, 80):
            points.append((x, base + rng.uniform(-40, 40)))
        points.append((width, height))
        draw.polygon(points, fill=colour)


def _sun(draw, size, rng, colour):
    width, height = size
    x, y, r = width * rng.uniform(0.6, 0.85), height * rng.uniform(0.18, 0.3), height * 0.09
    draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)


def _scene_garden(draw, size, rng, p):
    _sky(draw, size, p[0], "#ffffff")
    _sun(draw, size, rng, p[1])
    _hills(draw, size, rng, [p[1], p[2]])
    width, height = size
    for _ in range(5):
        x = rng.uniform(0.05, 0.95) * width
        y = height * rng.uniform(0.62, 0.8)
        draw.rectangle([x - 8, y, x + 8, y + 70], fill=p[3])
        draw.ellipse([x - 55, y - 90, x + 55, y + 20], fill=p[2])


def _scene_vr(draw, size, rng, p):
    _scene_garden(draw, size, rng, p)
    width, height = size
    cx, cy = width / 2, height * 0.45
    draw.rounded_rectangle(
        [cx - 260, cy - 110, cx + 260, cy + 110], radius=90, fill=p[3], outline="#ffffff", width=8
    )
    for dx in (-120, 120):
        draw.ellipse([cx + dx - 85, cy - 70, cx + dx + 85, cy + 70], fill=p[1])
    draw.line([(cx - 260, cy), (cx - 420, cy - 60)], fill=p[3], width=22)
    draw.line([(cx + 260, cy), (cx + 420, cy - 60)], fill=p[3], width=22)


def _scene_clinic(draw, size, rng, p):
    width, height = size
    draw.rectangle([0, 0, width, height], fill=p[0])
    draw.rectangle([0, height * 0.78, width, height], fill=p[1])
    draw.rectangle([width * 0.62, height * 0.12, width * 0.9, height * 0.5], fill="#ffffff")
    draw.rectangle([width * 0.64, height * 0.14, width * 0.88, height * 0.48], fill=p[1])
    _sun(draw, (width * 0.3, height * 0.3), rng, "#fff6d8")
    # a treatment chair
    draw.rounded_rectangle([width * 0.18, height * 0.52, width * 0.5, height * 0.62], 30, fill=p[2])
    draw.rounded_rectangle([width * 0.14, height * 0.3, width * 0.22, height * 0.6], 30, fill=p[2])
    draw.rectangle([width * 0.32, height * 0.62, width * 0.35, height * 0.78], fill=p[3])
    draw.line([(width * 0.5, height * 0.2), (width * 0.42, height * 0.45)], fill=p[3], width=10)
    draw.ellipse([width * 0.47, height * 0.15, width * 0.55, height * 0.25], fill="#ffffff")


def _scene_classroom(draw, size, rng, p):
    width, height = size
    draw.rectangle([0, 0, width, height], fill=p[0])
    draw.rectangle([width * 0.2, height * 0.1, width * 0.8, height * 0.45], fill=p[3])
    for row in range(2):
        for column in range(4):
            x = width * (0.12 + column * 0.22)
            y = height * (0.58 + row * 0.18)
            draw.rectangle([x, y, x + width * 0.14, y + 22], fill=p[2])
            draw.ellipse([x + 30, y - 70, x + 90, y - 10], fill=p[1])
    for _ in range(6):
        x = rng.uniform(0.25, 0.75) * width
        y = rng.uniform(0.15, 0.4) * height
        draw.line([(x, y), (x + rng.uniform(40, 140), y)], fill="#ffffff", width=6)


def _scene_smile(draw, size, rng, p):
    width, height = size
    _sky(draw, size, p[0], p[1])
    cx, cy, r = width / 2, height / 2, height * 0.32
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill="#fff6d8", outline=p[2], width=12)
    draw.arc(
        [cx - r * 0.6, cy - r * 0.5, cx + r * 0.6, cy + r * 0.55], 20, 160, fill=p[3], width=18
    )
    for dx in (-0.35, 0.35):
        draw.ellipse(
            [cx + dx * r - 18, cy - r * 0.3 - 18, cx + dx * r + 18, cy - r * 0.3 + 18], fill=p[3]
        )
    for _ in range(12):
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        draw.regular_polygon((x, y, rng.uniform(8, 18)), 4, rotation=45, fill="#ffffff")


def _scene_portrait(draw, size, rng, p):
    """A faceless head-and-shoulders shape, standing in for a photo of a person."""
    width, height = size
    _sky(draw, size, p[0], p[1])
    cx = width / 2
    draw.ellipse([cx - 150, height * 0.18, cx + 150, height * 0.18 + 300], fill=p[2])
    draw.rounded_rectangle([cx - 330, height * 0.62, cx + 330, height * 1.1], 200, fill=p[3])


def _tooth(draw, box, fill, outline):
    x0, y0, x1, y1 = box
    w = x1 - x0
    draw.rounded_rectangle(
        [x0, y0, x1, y0 + (y1 - y0) * 0.6], radius=w * 0.3, fill=fill, outline=outline, width=8
    )
    draw.polygon(
        [
            (x0 + w * 0.08, y0 + (y1 - y0) * 0.5),
            (x0 + w * 0.3, y1),
            (x0 + w * 0.5, y0 + (y1 - y0) * 0.6),
            (x0 + w * 0.7, y1),
            (x1 - w * 0.08, y0 + (y1 - y0) * 0.5),
        ],
        fill=fill,
        outline=outline,
    )


def _scene_before(draw, size, rng, p):
    width, height = size
    draw.rectangle([0, 0, width, height], fill="#d9d4cc")
    _tooth(draw, [width * 0.35, height * 0.2, width * 0.65, height * 0.85], "#cbbf9f", "#8c8069")
    for _ in range(5):
        x, y = rng.uniform(0.4, 0.6) * width, rng.uniform(0.3, 0.55) * height
        draw.ellipse([x - 14, y - 14, x + 14, y + 14], fill="#8c8069")


def _scene_after(draw, size, rng, p):
    width, height = size
    _sky(draw, size, p[0], "#ffffff")
    _tooth(draw, [width * 0.35, height * 0.2, width * 0.65, height * 0.85], "#ffffff", p[2])
    for _ in range(8):
        x, y = rng.uniform(0.2, 0.8) * width, rng.uniform(0.1, 0.6) * height
        draw.regular_polygon((x, y, rng.uniform(10, 22)), 4, rotation=45, fill=p[1])


SCENES = {
    "garden": _scene_garden,
    "vr": _scene_vr,
    "clinic": _scene_clinic,
    "classroom": _scene_classroom,
    "smile": _scene_smile,
    "portrait": _scene_portrait,
    "before": _scene_before,
    "after": _scene_after,
}


def draw_picture(scene, palette, key, size=(1600, 1000)):
    """JPEG bytes of a drawn scene; the same key always gives the same picture."""
    rng = random.Random(key)
    image = Image.new("RGB", size, "#ffffff")
    draw = ImageDraw.Draw(image)
    SCENES.get(scene, _scene_garden)(draw, size, rng, _palette(palette))
    image = image.filter(ImageFilter.SMOOTH)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, optimize=True)
    return buffer.getvalue()


def draw_logo(initials, colour, size=(400, 400)):
    """PNG bytes of a round logo: a coloured disc with simple shapes for letters."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    width, height = size
    draw.ellipse([8, 8, width - 8, height - 8], fill=colour)
    rng = random.Random(initials)
    # No fonts are downloaded: the "initials" are a pattern of bars unique to them.
    for index, _letter in enumerate(initials[:3]):
        x = width * (0.3 + index * 0.2)
        bar = rng.uniform(0.25, 0.5) * height
        draw.rounded_rectangle(
            [x - 18, height / 2 - bar / 2, x + 18, height / 2 + bar / 2], 18, fill="#ffffff"
        )
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
