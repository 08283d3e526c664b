"""What the admin's login page tells staff about how long a session lasts."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def staff_session_idle_minutes():
    return settings.STAFF_SESSION_IDLE_MINUTES
