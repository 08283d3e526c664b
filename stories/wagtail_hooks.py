"""Where editors find storytellers, partner organisations and themes in the admin."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .partners import PartnerOrganisation
from .storytellers import Storyteller
from .taxonomy import Theme


class StorytellerViewSet(SnippetViewSet):
    model = Storyteller
    icon = "user"
    menu_label = "Storytellers"
    list_display = ["reference", "shown_name", "naming"]
    list_filter = ["naming"]
    search_fields = ["reference", "pseudonym"]
    ordering = ["reference"]


class PartnerOrganisationViewSet(SnippetViewSet):
    model = PartnerOrganisation
    icon = "group"
    menu_label = "Partner organisations"
    list_display = ["name", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = "Themes"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class CampaignViewSetGroup(SnippetViewSetGroup):
    menu_label = "Campaign"
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (StorytellerViewSet, PartnerOrganisationViewSet, ThemeViewSet)


register_snippet(CampaignViewSetGroup)
