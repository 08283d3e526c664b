"""Pictures for the demo campaign, drawn with Pillow when the demo loads.

Why drawn rather than shipped: the demo must load anywhere without a
download, the repository stays small, and no real person's face (or
anybody's dental photograph) is ever in it. The one thing the consent rules
care about, whether a picture shows a recognisable person, is played by the
faceless "portrait" scene, which the demo content marks as identifiable.

Each picture is a calm, flat illustration of a scene in one of a few
palettes. The same (scene, palette, key) always gives the same bytes: all
variation comes from `random.Random(key)`. Shapes are drawn at twice the
size and reduced, which smooths their edges and still takes only a few
hundredths of a second a picture.
"""

import io
import math
import random

from PIL import Image, ImageDraw, ImageFont

# sky: top of the sky or a wall; light: pale ground; mid and deep: hills,
# furniture, clothes; accent: the sun, sparkles, a bright detail.
PALETTES = {
    "dawn": {
        "sky": "#fde8d7",
        "light": "#f6c9a8",
        "mid": "#e39a74",
        "deep": "#8a4b4f",
        "accent": "#ffd98a",
    },
    "sea": {
        "sky": "#e3f3f4",
        "light": "#b5dfdc",
        "mid": "#5fa8a6",
        "deep": "#1f5560",
        "accent": "#ffe6a3",
    },
    "meadow": {
        "sky": "#eef6e2",
        "light": "#c8e2a4",
        "mid": "#7fb069",
        "deep": "#35603a",
        "accent": "#fff0a8",
    },
    "dusk": {
        "sky": "#ebe6f6",
        "light": "#c9bde8",
        "mid": "#8c7cc4",
        "deep": "#3b3266",
        "accent": "#ffc9a3",
    },
    "blossom": {
        "sky": "#fdeef2",
        "light": "#f6c6d3",
        "mid": "#e08aa5",
        "deep": "#7b3856",
        "accent": "#fff1b8",
    },
    "sand": {
        "sky": "#fbf4e4",
        "light": "#efdcb2",
        "mid": "#d2a86a",
        "deep": "#6e5233",
        "accent": "#f7c86a",
    },
}

# The stand-in people come in many colourings; the key picks one.
SKIN_TONES = ("#f3d5bd", "#e2b48f", "#c38a62", "#96603f", "#6b4229")
HAIR_COLOURS = ("#2a1d15", "#4b3424", "#7b5535", "#1e1e22", "#a39b93", "#b5673a")

SUPERSAMPLE = 2
WHITE = "#ffffff"


def _rgb(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _mix(a, b, amount):
    """A colour `amount` of the way from a to b (hex in, hex out)."""
    ra, rb = _rgb(a), _rgb(b)
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(ra, rb, strict=True))


def _gradient(size, top, bottom):
    """An image fading from top colour to bottom colour."""
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def _ridge(rng, width, base, amplitude):
    """A smooth hill line: y for every x, as a sum of a few gentle waves."""
    waves = [
        (rng.uniform(0.6, 1.0) * amplitude, rng.uniform(1.0, 2.2), rng.uniform(0, math.tau)),
        (rng.uniform(0.2, 0.4) * amplitude, rng.uniform(3.0, 5.0), rng.uniform(0, math.tau)),
    ]

    def height_at(x):
        t = x / width * math.tau
        return base + sum(a * math.sin(f * t + p) for a, f, p in waves)

    return height_at


def _hill(draw, size, height_at, colour, step=20):
    width, height = size
    points = [(x, height_at(x)) for x in range(0, width + step, step)]
    draw.polygon([(0, height), *points, (width, height)], fill=colour)


def _sun(draw, cx, cy, radius, colour, glow):
    for ring, amount in ((2.0, 0.75), (1.5, 0.45)):
        r = radius * ring
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=_mix(glow, colour, 1 - amount))
    draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], fill=colour)


def _cloud(draw, cx, cy, scale, colour):
    for dx, dy, r in ((-1.0, 0.2, 0.55), (-0.35, -0.2, 0.75), (0.4, 0.0, 0.6), (1.0, 0.25, 0.45)):
        x, y, rr = cx + dx * scale, cy + dy * scale, r * scale
        draw.ellipse([x - rr, y - rr, x + rr, y + rr], fill=colour)
    draw.rounded_rectangle(
        [cx - 1.2 * scale, cy + 0.1 * scale, cx + 1.3 * scale, cy + 0.7 * scale],
        radius=0.3 * scale,
        fill=colour,
    )


def _sparkle(draw, x, y, r, colour):
    """A four-pointed star."""
    thin = r * 0.28
    draw.polygon(
        [(x, y - r), (x + thin, y - thin), (x + r, y), (x + thin, y + thin)]
        + [(x, y + r), (x - thin, y + thin), (x - r, y), (x - thin, y - thin)],
        fill=colour,
    )


def _tree(draw, x, ground, scale, trunk, crown, shade):
    draw.rectangle([x - 0.08 * scale, ground - 0.9 * scale, x + 0.08 * scale, ground], fill=trunk)
    draw.ellipse(
        [x - 0.5 * scale, ground - 1.75 * scale, x + 0.5 * scale, ground - 0.7 * scale], fill=crown
    )
    draw.ellipse(
        [x - 0.1 * scale, ground - 1.45 * scale, x + 0.42 * scale, ground - 0.8 * scale], fill=shade
    )


def _landscape(draw, size, rng, p, trees=True):
    """Sky already painted: sun, clouds, three rolling hills, a few trees."""
    width, height = size
    _sun(
        draw,
        width * rng.uniform(0.62, 0.82),
        height * rng.uniform(0.2, 0.3),
        height * 0.08,
        p["accent"],
        p["sky"],
    )
    for _ in range(rng.randint(2, 3)):
        _cloud(
            draw,
            width * rng.uniform(0.1, 0.9),
            height * rng.uniform(0.1, 0.3),
            height * rng.uniform(0.04, 0.06),
            _mix(p["sky"], WHITE, 0.7),
        )
    layers = [
        (0.55, _mix(p["light"], p["sky"], 0.3)),
        (0.66, p["mid"]),
        (0.8, _mix(p["mid"], p["deep"], 0.55)),
    ]
    for index, (base, colour) in enumerate(layers):
        ridge = _ridge(rng, width, height * base, height * 0.05)
        _hill(draw, size, ridge, colour)
        if trees and index == 1:
            for _ in range(rng.randint(3, 6)):
                x = width * rng.uniform(0.04, 0.96)
                _tree(
                    draw,
                    x,
                    ridge(x) + height * 0.02,
                    height * rng.uniform(0.07, 0.11),
                    p["deep"],
                    _mix(p["mid"], p["deep"], 0.35),
                    _mix(p["mid"], p["light"], 0.3),
                )
    for _ in range(14):
        x, y = width * rng.uniform(0, 1), height * rng.uniform(0.88, 0.98)
        r = height * 0.006
        draw.ellipse([x - r, y - r, x + r, y + r], fill=p["accent"])


def _scene_garden(image, draw, size, rng, p):
    image.paste(_gradient(size, p["sky"], WHITE))
    _landscape(draw, size, rng, p)


def _scene_vr(image, draw, size, rng, p):
    """A calming landscape, and the headset that takes you there."""
    image.paste(_gradient(size, p["sky"], WHITE))
    _landscape(draw, size, rng, p)
    width, height = size
    cx, cy, w, h = width * 0.5, height * 0.66, width * 0.34, height * 0.24
    strap = _mix(p["deep"], "#000000", 0.2)
    draw.arc(
        [cx - w * 0.75, cy - h * 1.4, cx + w * 0.75, cy + h * 0.4],
        200,
        340,
        fill=strap,
        width=int(height * 0.035),
    )
    draw.rounded_rectangle(
        [cx - w / 2 - 8, cy - h / 2 - 8, cx + w / 2 + 8, cy + h / 2 + 8],
        radius=h * 0.45,
        fill=WHITE,
    )
    draw.rounded_rectangle(
        [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], radius=h * 0.42, fill=p["deep"]
    )
    for side in (-1, 1):
        lx, r = cx + side * w * 0.22, h * 0.3
        draw.ellipse([lx - r, cy - r, lx + r, cy + r], fill=p["light"])
        # the lenses show the same hills in miniature
        draw.chord([lx - r, cy - r, lx + r, cy + r], 0, 180, fill=p["mid"])
        s = r * 0.25
        draw.ellipse(
            [lx + r * 0.2 - s, cy - r * 0.55 - s, lx + r * 0.2 + s, cy - r * 0.55 + s],
            fill=p["accent"],
        )
    nose = h * 0.18
    draw.pieslice(
        [cx - nose, cy + h / 2 - nose, cx + nose, cy + h / 2 + nose],
        180,
        360,
        fill=_mix(p["sky"], WHITE, 0.5),
    )


def _scene_clinic(image, draw, size, rng, p):
    """A bright treatment room: a window on the hills, a plant, the chair."""
    width, height = size
    image.paste(_gradient(size, _mix(p["sky"], WHITE, 0.4), p["sky"]))
    floor = height * 0.78
    draw.rectangle([0, floor, width, height], fill=_mix(p["light"], WHITE, 0.35))
    draw.rectangle([0, floor - height * 0.012, width, floor], fill=p["light"])
    # window with a view
    wx0, wy0, wx1, wy1 = width * 0.56, height * 0.12, width * 0.9, height * 0.56
    view = Image.new("RGB", (int(wx1 - wx0), int(wy1 - wy0)))
    view.paste(_gradient(view.size, p["sky"], WHITE))
    _landscape(ImageDraw.Draw(view), view.size, rng, p, trees=False)
    image.paste(view, (int(wx0), int(wy0)))
    frame = WHITE
    bar = height * 0.014
    draw.rectangle([wx0 - bar, wy0 - bar, wx1 + bar, wy0], fill=frame)
    draw.rectangle([wx0 - bar, wy1, wx1 + bar, wy1 + bar * 2], fill=frame)
    draw.rectangle([wx0 - bar, wy0, wx0, wy1], fill=frame)
    draw.rectangle([wx1, wy0, wx1 + bar, wy1], fill=frame)
    draw.rectangle([(wx0 + wx1) / 2 - bar / 2, wy0, (wx0 + wx1) / 2 + bar / 2, wy1], fill=frame)
    # a plant on the sill
    px, py, u = width * 0.93, floor, height * 0.01
    draw.polygon(
        [(px - 4 * u, py - 12 * u), (px + 4 * u, py - 12 * u), (px + 3 * u, py), (px - 3 * u, py)],
        fill=p["deep"],
    )
    for angle in (-60, -25, 0, 25, 60):
        rad = math.radians(angle - 90)
        tip = (px + math.cos(rad) * 15 * u, py - 12 * u + math.sin(rad) * 15 * u)
        draw.line([(px, py - 12 * u), tip], fill=p["mid"], width=int(1.2 * u))
        draw.ellipse(
            [tip[0] - 3 * u, tip[1] - 3 * u, tip[0] + 3 * u, tip[1] + 3 * u], fill=p["mid"]
        )
    # the chair: base, seat, reclined back, headrest, footrest
    chair, shade = p["mid"], _mix(p["mid"], p["deep"], 0.4)
    draw.rounded_rectangle(
        [width * 0.2, floor - 14, width * 0.42, floor + 6], radius=10, fill=p["deep"]
    )
    draw.rectangle([width * 0.29, height * 0.6, width * 0.33, floor], fill=p["deep"])
    draw.rounded_rectangle(
        [width * 0.18, height * 0.53, width * 0.46, height * 0.61], radius=height * 0.04, fill=chair
    )
    draw.polygon(
        [
            (width * 0.18, height * 0.57),
            (width * 0.23, height * 0.55),
            (width * 0.15, height * 0.3),
            (width * 0.1, height * 0.32),
        ],
        fill=chair,
    )
    draw.ellipse([width * 0.085, height * 0.22, width * 0.155, height * 0.31], fill=shade)
    draw.polygon(
        [
            (width * 0.44, height * 0.55),
            (width * 0.47, height * 0.6),
            (width * 0.55, height * 0.72),
            (width * 0.52, height * 0.74),
        ],
        fill=shade,
    )
    # the lamp on its arm
    draw.line(
        [(width * 0.42, 0), (width * 0.42, height * 0.12), (width * 0.3, height * 0.22)],
        fill=p["deep"],
        width=int(height * 0.012),
        joint="curve",
    )
    draw.ellipse(
        [width * 0.26, height * 0.19, width * 0.34, height * 0.26],
        fill=WHITE,
        outline=p["deep"],
        width=6,
    )


def _scene_classroom(image, draw, size, rng, p):
    """A classroom: a board with a smiling tooth on it, desks, a bookshelf."""
    width, height = size
    image.paste(_gradient(size, _mix(p["sky"], WHITE, 0.3), p["sky"]))
    floor = height * 0.62
    draw.rectangle([0, floor, width, height], fill=_mix(p["light"], WHITE, 0.2))
    bx0, by0, bx1, by1 = width * 0.24, height * 0.1, width * 0.76, height * 0.46
    draw.rounded_rectangle([bx0 - 14, by0 - 14, bx1 + 14, by1 + 14], radius=16, fill=p["deep"])
    board = _mix(p["deep"], "#2f4f4f", 0.5)
    draw.rectangle([bx0, by0, bx1, by1], fill=board)
    chalk = _mix(WHITE, p["sky"], 0.2)
    _tooth(
        draw,
        [bx0 + width * 0.05, by0 + height * 0.06, width * 0.12, height * 0.24],
        board,
        chalk,
        outline_width=8,
    )
    for row in range(5):
        y = by0 + height * (0.08 + row * 0.055)
        length = width * rng.uniform(0.12, 0.28)
        draw.line([(bx0 + width * 0.22, y), (bx0 + width * 0.22 + length, y)], fill=chalk, width=8)
    # bookshelf
    sx = width * 0.84
    draw.rectangle([sx, height * 0.3, width * 0.97, floor], fill=p["deep"])
    for shelf in range(3):
        y1 = height * (0.39 + shelf * 0.09)
        x = sx + 12
        while x < width * 0.96:
            w = rng.uniform(14, 26)
            h = rng.uniform(0.05, 0.075) * height
            draw.rectangle(
                [x, y1 - h, x + w, y1], fill=rng.choice([p["mid"], p["light"], p["accent"]])
            )
            x += w + 4
    # desks and chairs in two rows
    for row in range(2):
        scale = 1 + row * 0.25
        y = height * (0.7 + row * 0.16)
        for column in range(4):
            x = width * (0.1 + column * 0.2) + row * width * 0.02
            w = width * 0.12 * scale
            draw.ellipse(
                [x + w * 0.25, y - height * 0.12 * scale, x + w * 0.75, y - height * 0.03 * scale],
                fill=_mix(p["mid"], p["light"], 0.4),
            )
            draw.rounded_rectangle([x, y, x + w, y + height * 0.03], radius=8, fill=p["mid"])
            draw.rectangle(
                [x + w * 0.08, y + height * 0.03, x + w * 0.12, y + height * 0.1], fill=p["deep"]
            )
            draw.rectangle(
                [x + w * 0.88, y + height * 0.03, x + w * 0.92, y + height * 0.1], fill=p["deep"]
            )


def _scene_smile(image, draw, size, rng, p):
    """A big friendly smile, with sparkles."""
    width, height = size
    image.paste(_gradient(size, p["sky"], p["light"]))
    for _ in range(7):
        r = height * rng.uniform(0.05, 0.14)
        x, y = width * rng.uniform(0, 1), height * rng.uniform(0, 1)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=_mix(p["sky"], p["light"], 0.5))
    cx, cy, r = width / 2, height * 0.5, height * 0.34
    draw.ellipse([cx - r - 14, cy - r - 14, cx + r + 14, cy + r + 14], fill=p["mid"])
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=_mix(p["accent"], WHITE, 0.4))
    eye = r * 0.09
    for dx in (-0.33, 0.33):
        ex, ey = cx + dx * r, cy - r * 0.22
        draw.ellipse([ex - eye, ey - eye * 1.3, ex + eye, ey + eye * 1.3], fill=p["deep"])
    for dx in (-0.55, 0.55):
        bx, by = cx + dx * r, cy + r * 0.12
        draw.ellipse(
            [bx - r * 0.13, by - r * 0.08, bx + r * 0.13, by + r * 0.08],
            fill=_mix(p["mid"], WHITE, 0.45),
        )
    mouth = [cx - r * 0.5, cy - r * 0.2, cx + r * 0.5, cy + r * 0.62]
    draw.chord(mouth, 15, 165, fill=p["deep"])
    draw.chord(
        [mouth[0] + r * 0.12, mouth[1], mouth[2] - r * 0.12, mouth[3] - r * 0.28],
        20,
        160,
        fill=WHITE,
    )
    for _ in range(14):
        x, y = width * rng.uniform(0.03, 0.97), height * rng.uniform(0.05, 0.95)
        if abs(x - cx) < r * 1.15 and abs(y - cy) < r * 1.15:
            continue
        _sparkle(
            draw,
            x,
            y,
            height * rng.uniform(0.02, 0.045),
            rng.choice([WHITE, p["accent"], p["mid"]]),
        )


def _scene_portrait(image, draw, size, rng, p):
    """A faceless head-and-shoulders shape, standing in for a photo of a person."""
    width, height = size
    image.paste(_gradient(size, p["sky"], p["light"]))
    for _ in range(9):
        r = height * rng.uniform(0.04, 0.1)
        x, y = width * rng.uniform(0, 1), height * rng.uniform(0, 0.7)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=_mix(p["sky"], WHITE, 0.5))
    cx = width * rng.uniform(0.42, 0.58)
    skin = rng.choice(SKIN_TONES)
    hair = rng.choice(HAIR_COLOURS)
    top, head_h, head_w = height * 0.2, height * 0.36, height * 0.28
    shoulders = height * 0.64
    draw.rounded_rectangle(
        [cx - width * 0.22, shoulders, cx + width * 0.22, height * 1.2],
        radius=height * 0.16,
        fill=p["deep"],
    )
    draw.rectangle(
        [cx - head_w * 0.2, top + head_h * 0.8, cx + head_w * 0.2, shoulders + 20], fill=skin
    )
    draw.polygon(
        [
            (cx - head_w * 0.28, shoulders),
            (cx + head_w * 0.28, shoulders),
            (cx, shoulders + height * 0.1),
        ],
        fill=skin,
    )
    draw.ellipse(
        [cx - head_w / 2 - 10, top - 14, cx + head_w / 2 + 10, top + head_h * 0.7], fill=hair
    )
    draw.ellipse([cx - head_w / 2, top, cx + head_w / 2, top + head_h], fill=skin)
    draw.chord(
        [cx - head_w / 2 - 10, top - 14, cx + head_w / 2 + 10, top + head_h * 0.55],
        180,
        360,
        fill=hair,
    )


def _tooth(draw, box, fill, outline, outline_width=14):
    """A molar: two bumps on the crown, two roots. Drawn twice: once grown by
    the outline width in the outline colour, then in the fill colour."""
    x0, y0, w, h = box

    def shapes(d, colour, grow):
        g = grow
        d.ellipse([x0 - g, y0 - g, x0 + 0.56 * w + g, y0 + 0.3 * h + g], fill=colour)
        d.ellipse([x0 + 0.44 * w - g, y0 - g, x0 + w + g, y0 + 0.3 * h + g], fill=colour)
        d.rounded_rectangle(
            [x0 - g, y0 + 0.12 * h - g, x0 + w + g, y0 + 0.58 * h + g], radius=0.22 * w, fill=colour
        )
        for left in (True, False):
            a, b, c, e = (0.05, 0.45, 0.33, 0.19) if left else (0.95, 0.55, 0.67, 0.81)
            points = [
                (x0 + a * w, y0 + 0.45 * h),
                (x0 + b * w, y0 + 0.45 * h),
                (x0 + c * w, y0 + 0.9 * h),
                (x0 + e * w, y0 + 0.9 * h),
            ]
            d.polygon(points, fill=colour)
            if g:
                # a line centred on each edge grows the polygon by half its width
                d.line([*points, points[0]], fill=colour, width=int(2 * g), joint="curve")
            tip = (x0 + (c + e) / 2 * w, y0 + 0.9 * h)
            r = abs(c - e) * w / 2 + g
            d.ellipse([tip[0] - r, tip[1] - r, tip[0] + r, tip[1] + r], fill=colour)

    shapes(draw, outline, outline_width)
    shapes(draw, fill, 0)


def _scene_before(image, draw, size, rng, p):
    """A dull, marked tooth on a grey ground: before treatment."""
    width, height = size
    image.paste(_gradient(size, "#dedad3", "#c9c4bb"))
    box = [width * 0.36, height * 0.14, width * 0.28, height * 0.74]
    _tooth(draw, box, "#d8cba6", "#8f846d")
    for _ in range(rng.randint(4, 6)):
        x = box[0] + box[2] * rng.uniform(0.2, 0.8)
        y = box[1] + box[3] * rng.uniform(0.08, 0.45)
        r = height * rng.uniform(0.012, 0.025)
        draw.ellipse([x - r, y - r, x + r, y + r], fill="#9a8c70")
    x = box[0] + box[2] * 0.62
    draw.line(
        [
            (x, box[1] + box[3] * 0.03),
            (x - 30, box[1] + box[3] * 0.18),
            (x + 10, box[1] + box[3] * 0.3),
        ],
        fill="#7d7260",
        width=10,
        joint="curve",
    )


def _scene_after(image, draw, size, rng, p):
    """A bright, healthy tooth among sparkles: after treatment."""
    width, height = size
    image.paste(_gradient(size, p["sky"], WHITE))
    cx, cy = width / 2, height * 0.5
    for ring, amount in ((0.46, 0.2), (0.38, 0.45)):
        r = height * ring
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=_mix(p["sky"], p["light"], amount))
    box = [width * 0.36, height * 0.14, width * 0.28, height * 0.74]
    _tooth(draw, box, WHITE, p["mid"])
    draw.arc(
        [
            box[0] + box[2] * 0.12,
            box[1] + box[3] * 0.06,
            box[0] + box[2] * 0.5,
            box[1] + box[3] * 0.4,
        ],
        190,
        250,
        fill=_mix(p["sky"], WHITE, 0.3),
        width=18,
    )
    for _ in range(10):
        x, y = width * rng.uniform(0.08, 0.92), height * rng.uniform(0.08, 0.92)
        if box[0] - 40 < x < box[0] + box[2] + 40:
            continue
        _sparkle(draw, x, y, height * rng.uniform(0.025, 0.05), rng.choice([p["mid"], p["accent"]]))


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
    """JPEG bytes of a drawn scene; the same arguments always give the same bytes."""
    if scene not in SCENES:
        raise ValueError(f"Unknown scene {scene!r}; choose from {', '.join(SCENES)}.")
    if palette not in PALETTES:
        raise ValueError(f"Unknown palette {palette!r}; choose from {', '.join(PALETTES)}.")
    rng = random.Random(key)
    big = (size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE)
    image = Image.new("RGB", big, WHITE)
    SCENES[scene](image, ImageDraw.Draw(image), big, rng, PALETTES[palette])
    buffer = io.BytesIO()
    image.reduce(SUPERSAMPLE).save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def draw_logo(initials, colour, size=(400, 400)):
    """PNG bytes of a round logo: a coloured disc with the initials in white.

    The font is the one bundled with Pillow, so nothing is downloaded.
    """
    big = (size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE)
    image = Image.new("RGBA", big, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    width, height = big
    inset = width * 0.02
    draw.ellipse([inset, inset, width - inset, height - inset], fill=colour)
    ring = width * 0.07
    draw.ellipse(
        [ring, ring, width - ring, height - ring],
        outline=_mix(colour, WHITE, 0.45),
        width=max(2, int(width * 0.012)),
    )
    text = initials[:3].upper()
    font = ImageFont.load_default(size=height * (0.34 if len(text) < 3 else 0.26))
    draw.text((width / 2, height * 0.47), text, font=font, fill=WHITE, anchor="mm")
    draw.arc(
        [width * 0.36, height * 0.5, width * 0.64, height * 0.72],
        20,
        160,
        fill=WHITE,
        width=max(2, int(width * 0.02)),
    )
    buffer = io.BytesIO()
    image.reduce(SUPERSAMPLE).save(buffer, "PNG")
    return buffer.getvalue()
