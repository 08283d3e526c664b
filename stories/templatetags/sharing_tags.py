"""Full addresses for what leaves the site: social cards and embed snippets."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """This site's address for a path, on the host the reader asked for."""
    return context["request"].build_absolute_uri(path)
