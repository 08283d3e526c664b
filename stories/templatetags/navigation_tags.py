"""The site's main menu: the live, public pages editors put in the menu."""

from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    current = context.get("page")
    items = []
    if site is not None:
        items = list(
            site.root_page.get_children().live().public().in_menu().only("url_path", "title")
        )
    current_path = current.url_path if current is not None else ""
    return {
        "request": request,
        "items": [(item, current_path.startswith(item.url_path)) for item in items],
    }
