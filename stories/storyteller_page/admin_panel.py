"""Their private page, on a storyteller's admin page: the links that open it.

Shown to consent officers and site administrators only (those who may
withdraw consent); the buttons that change anything are on its own page.
"""

from django.utils import timezone
from wagtail.admin.panels import Panel

from ..consent.permissions import may_take_stories_down


class StorytellerPagePanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "stories/admin/storyteller_page_panel.html"

        def is_shown(self):
            return self.instance.pk is not None and may_take_stories_down(self.request.user)

        def get_context_data(self, parent_context=None):
            from .admin_views import links_of

            context = super().get_context_data(parent_context)
            context.update(
                storyteller=self.instance, links=links_of(self.instance), now=timezone.now()
            )
            return context
