"""`{% picture %}` as Wagtail's, with a valid `srcset` for any picture.

Wagtail's tag lists every rendition asked for with its width. A picture
smaller than the largest size asked for (an upload 640 pixels wide, shown on
a card at 640 and 1280) gives two renditions of the same width, and a size
that leaves a single candidate gets no width at all, though `sizes` is set:
both are invalid HTML, and browsers may pick the wrong file. This tag keeps
one rendition per width and format, and always says each one's width.

Load it after `wagtailimages_tags`: `{% load wagtailimages_tags picture_tags %}`.
The filter specs are Wagtail's own, so the sizes prepared on publish
(stories.renditions) are read from the same tags.
"""

from django import template
from wagtail.images.models import FormatOperation, Picture
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.images.templatetags.wagtailimages_tags import PictureNode
from wagtail.images.templatetags.wagtailimages_tags import image as wagtail_image_tag

register = template.Library()


def format_of(spec):
    return next((f for f in FormatOperation.supported_formats if f"format-{f}" in spec), None)


class DistinctWidthsPicture(Picture):
    """Wagtail's Picture with one rendition per width and format, each with its width."""

    def __init__(self, renditions, attrs=None):
        widths_seen, kept = set(), {}
        for spec, rendition in renditions.items():
            key = (format_of(spec), rendition.width)
            if key not in widths_seen:
                widths_seen.add(key)
                kept[spec] = rendition
        super().__init__(kept, attrs)

    @classmethod
    def get_width_srcset(cls, renditions_list):
        return ", ".join(f"{rendition.url} {rendition.width}w" for rendition in renditions_list)

    def __html__(self):
        self.attrs = self.attrs if self.attrs is not None else {}
        if "sizes" in self.attrs:
            # Wagtail gives the fallback <img> a srcset only for several candidates.
            fallback = self.formats[self.get_fallback_format()] if self.formats else self.renditions
            if len(fallback) == 1:
                self.attrs["srcset"] = self.get_width_srcset(fallback)
        return super().__html__()


class DistinctWidthsPictureNode(PictureNode):
    def get_filters(self):
        """Wagtail's filters for this tag, made once per tag and process: each
        new Filter checks its operations' arguments with `inspect`, which a
        story page with its related cards did 74 times per request (a third
        of its time when nothing was cached). A Filter holds only its spec."""
        if not hasattr(self, "filters"):
            self.filters = super().get_filters()
        return self.filters

    def render(self, context):
        image = self.validate_image(context)
        if not image:
            return ""
        renditions = get_renditions_or_not_found(image, self.get_filters())
        if self.output_var_name:
            context[self.output_var_name] = DistinctWidthsPicture(renditions)
            return ""
        attrs = {key: value.resolve(context) for key, value in self.attrs.items()}
        return DistinctWidthsPicture(renditions, attrs).__html__()


@register.tag(name="picture")
def picture(parser, token):
    node = wagtail_image_tag(parser, token)
    node.__class__ = DistinctWidthsPictureNode
    return node
