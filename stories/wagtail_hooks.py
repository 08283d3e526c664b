"""Where editors find storytellers, partner organisations and themes in the admin."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.admin.widgets.button import Button, ListingButton
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.signals import workflow_cancelled
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import blurring, blurring_views, media_serving, reports, review_dashboard, review_journey
from .consent import (
    approvals,
    audit,
    capture,
    panel_views,
    publishing,
    story_takedown,
    submission,
    views,
)
from .consent.admin import (
    ConsentDashboardPanel,
    ConsentRecordPermissionPolicy,
    ConsentRecordViewSet,
    StorytellerConsentColumn,
)
from .consent.guard import ConsentGuardedPublishAction
from .consent.panels import StorytellerConsentPanel
from .consent.permissions import may_take_stories_down
from .consent.records import ConsentRecord
from .listing import StoryListingViewSet
from .partners import PartnerOrganisation
from .readers import admin as readers_admin
from .readers import audit as readers_audit
from .story_links import GatedPageLinkHandler
from .storyteller_page import admin_views as storyteller_page_admin
from .storyteller_page import audit as storyteller_page_audit
from .storyteller_page.admin_panel import StorytellerPagePanel
from .storytellers import Storyteller
from .taxonomy import Theme


class ConsentStatusInChooser:
    """Beside each storyteller in the chooser, whether their consent holds."""

    @property
    def columns(self):
        return [*super().columns, StorytellerConsentColumn()]


class StorytellerChooseView(ConsentStatusInChooser, snippet_chooser.ChooseView):
    pass


class StorytellerChooseResultsView(ConsentStatusInChooser, snippet_chooser.ChooseResultsView):
    pass


class StorytellerChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    choose_view_class = StorytellerChooseView
    choose_results_view_class = StorytellerChooseResultsView


# Search goes through each model's own index (its search_fields): naming
# fields on the viewset would ask the database backend for columns its
# index does not have.
class StorytellerViewSet(SnippetViewSet):
    model = Storyteller
    icon = "user"
    menu_label = "Storytellers"
    list_display = ["reference", "shown_name", "naming", StorytellerConsentColumn()]
    list_filter = ["naming"]
    ordering = ["reference"]
    chooser_viewset_class = StorytellerChooserViewSet
    # The edit form's panels live with the admin, not on the model.
    panels = [
        HelpPanel(
            content=(
                "<p>The storyteller's real identity and contact details are private: "
                "readers only ever see the name chosen below.</p>"
            )
        ),
        MultiFieldPanel(
            [FieldPanel("naming"), FieldPanel("pseudonym")], heading="How they are named"
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                FieldPanel("guardian_email"),
                FieldPanel("date_of_birth"),
            ],
            heading="Private: identity and contact",
            permission="stories.view_private_consent",
        ),
        StorytellerConsentPanel(heading="Consent and stories"),
        StorytellerPagePanel(heading="Their private page"),
    ]


class PartnerOrganisationViewSet(SnippetViewSet):
    model = PartnerOrganisation
    icon = "group"
    menu_label = "Partner organisations"
    list_display = ["name", "kind", "website"]
    list_filter = ["kind"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = "Themes"
    list_display = ["name", "slug"]


class CampaignViewSetGroup(SnippetViewSetGroup):
    menu_label = "Campaign"
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (StorytellerViewSet, PartnerOrganisationViewSet, ThemeViewSet)


register_snippet(CampaignViewSetGroup)


@hooks.register("register_rich_text_features", order=1)  # after Wagtail's own page links
def link_to_stories_for_members_without_naming_them(features):
    features.register_link_type(GatedPageLinkHandler)


@hooks.register("register_log_actions")
def register_consent_log_actions(actions):
    audit.register(actions)
    readers_audit.register(actions)
    storyteller_page_audit.register(actions)
    actions.register_action(blurring.BLURRED, "Regions blurred", "Regions of the picture blurred")
    actions.register_action(
        blurring.UNBLURRED_VIEWED, "Unblurred original opened", "Unblurred original opened"
    )


@hooks.register("register_admin_viewset")
def register_reader_invitations():
    return readers_admin.InvitationViewSet()


@hooks.register("register_snippet_listing_buttons")
def partner_access_button(snippet, user, next_url=None):
    if isinstance(snippet, PartnerOrganisation) and user.has_perm("stories.manage_api_tokens"):
        yield ListingButton(
            "Readers and API access",
            reverse("stories_partner_access", args=[snippet.pk]),
            icon_name="key",
            priority=20,
        )


hooks.register("before_serve_document", media_serving.before_serve_document)


@hooks.register("register_actions")
def guard_page_publishing(registry):
    # The v3 API and anything else asking the registry publish through the guard.
    registry.register(Page, ConsentGuardedPublishAction)


hooks.register("before_publish_page", publishing.before_publish_page)
hooks.register("before_bulk_action", publishing.before_bulk_publish)
hooks.register("before_copy_page", publishing.before_copy_page)


@hooks.register("construct_admin_api")
def admin_api_publishes_through_the_guard(router):
    # Wagtail's admin API builds its own publish action: a refusal answers 400 with the reasons.
    router.register_endpoint("pages", publishing.ConsentAwarePagesAdminAPIViewSet)


@hooks.register("register_actions")
def consent_records_are_captured_never_edited(registry):
    capture.register(registry)


register_permission_policy(ConsentRecord, ConsentRecordPermissionPolicy(ConsentRecord))


@hooks.register("register_admin_viewset")
def register_consent_records():
    return ConsentRecordViewSet()


@hooks.register("register_admin_viewset")
def register_story_listing():
    return StoryListingViewSet()


@hooks.register("register_admin_urls")
def consent_officer_urls():
    return [
        path("storytellers/<int:pk>/withdraw/", views.withdraw, name="stories_withdraw_consent"),
        path("storytellers/<int:pk>/erase/", views.erase, name="stories_erase_storyteller"),
        path("consent-evidence/<int:pk>/", views.evidence, name="stories_consent_evidence"),
        path("images/<int:image_id>/blur/", blurring_views.blur, name="stories_blur_image"),
        path(
            "images/unblurred/<int:pk>/",
            blurring_views.unblurred,
            name="stories_unblurred_original",
        ),
        path(
            "partners/<int:pk>/access/",
            readers_admin.readers_and_api_access,
            name="stories_partner_access",
        ),
        *storyteller_page_admin.urlpatterns,
    ]


REPORTS = [
    # (URL part, view, URL name, icon)
    ("consent-coverage", reports.ConsentCoverageReport, "stories_consent_coverage", "doc-full"),
    ("awaiting-review", reports.StoriesAwaitingReviewReport, "stories_awaiting_review", "tasks"),
]


@hooks.register("register_admin_urls")
def report_urls():
    urls = []
    for part, view, name, _icon in REPORTS:
        urls.append(path(f"reports/{part}/", view.as_view(), name=name))
        urls.append(
            path(
                f"reports/{part}/results/", view.as_view(results_only=True), name=f"{name}_results"
            )
        )
    return urls


class ReportMenuItem(MenuItem):
    """Shown to those the report itself would let in."""

    def __init__(self, report, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report

    def is_shown(self, request):
        return self.report.permission_policy.user_has_any_permission(
            request.user, self.report.any_permission_required
        )


def report_menu_item(order):
    _part, view, name, icon = REPORTS[order]
    return ReportMenuItem(view, view.page_title, reverse(name), icon_name=icon, order=700 + order)


hooks.register("register_reports_menu_item", lambda: report_menu_item(0))
hooks.register("register_reports_menu_item", lambda: report_menu_item(1))


@hooks.register("construct_homepage_panels")
def add_consent_dashboard_panel(request, panels):
    panels.append(ConsentDashboardPanel(request))


# Consent before review: the panel follows the form, a story consent does not
# cover is not submitted, a refused approval is told to the approver.
@hooks.register("register_admin_urls")
def consent_before_review_urls():
    return [
        path(
            "stories/consent-panel/",
            panel_views.story_consent_panel,
            name="stories_story_consent_panel",
        ),
        path(
            "stories/<int:pk>/approval-refused/",
            submission.approval_refused,
            name="stories_approval_refused",
        ),
    ]


hooks.register("before_create_page", submission.before_create_page)
hooks.register("before_edit_page", submission.before_edit_page)
hooks.register("after_edit_page", submission.after_edit_page)


@hooks.register("register_admin_urls")
def story_urls_for_consent_officers():
    return [
        path("stories/<int:pk>/overview/", views.story_overview, name="stories_story_overview"),
        path("stories/<int:pk>/take-down/", views.take_story_down, name="stories_take_story_down"),
    ]


# After the other after_edit_page hooks: a refused approval is explained first.
hooks.register("after_edit_page", review_journey.land_after_review_action, order=100)
hooks.register("before_edit_page", review_journey.refuse_cancel_by_reviewers)
hooks.register("construct_page_action_menu", review_journey.hide_cancel_from_reviewers)
workflow_cancelled.connect(
    review_journey.tell_the_author_review_was_cancelled, dispatch_uid="stories_review_cancelled"
)


@hooks.register("register_admin_viewset")
def register_story_page_views():
    return review_journey.StoryPageViewSet()


@hooks.register("register_log_actions")
def register_story_take_down_log_action(actions):
    story_takedown.register(actions)
    approvals.register(actions)


@hooks.register("register_page_header_buttons")
def take_this_story_down_button(page, user, view_name=None, next_url=None):
    if may_take_stories_down(user) and page.live:
        from .pages import StoryPage

        if isinstance(page.specific_deferred, StoryPage):
            yield Button(
                "Take this story down…",
                reverse("stories_take_story_down", args=[page.pk]),
                icon_name="warning",
                priority=90,
            )


# Reviewers see each story's consent beside it in "Awaiting your review".
hooks.register("construct_homepage_panels", review_dashboard.show_consent_awaiting_review)


# Two-step sign-in for staff (stories.two_factor): its pages, a link in each
# member of staff's account, and a colleague's page in the users listing.
@hooks.register("register_admin_urls")
def two_factor_urls():
    from . import two_factor_views

    return two_factor_views.urlpatterns


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    from . import two_factor

    if two_factor.may_use(request.user):
        return {
            "url": reverse("two_factor_account"),
            "label": "Two-step sign-in",
            "help_text": "A code from an app on your phone as well as your password.",
        }
    return None


@hooks.register("register_user_listing_buttons")
def two_factor_reset_button(user, request_user):
    from . import two_factor

    if two_factor.mode() != two_factor.OFF and two_factor.may_reset(request_user, user):
        yield Button(
            "Two-step sign-in",
            reverse("two_factor_staff_member", args=[user.pk]),
            icon_name="key",
            priority=60,
        )


@hooks.register("register_log_actions")
def two_factor_log_actions(actions):
    from . import two_factor

    two_factor.register_log_actions(actions)
