"""Every role lands somewhere it may see: after a review, from a report, from the dashboard.

A dead end is a link or a redirect that answers with the sign-in page or
"Sorry, you do not have permission to access this area."
"""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from stories.factories import StoryPageFactory, StorytellerFactory
from stories.pages import StoryPage

from .people import storyteller_approves

DENIED = "Sorry, you do not have permission to access this area."


@pytest.fixture
def submitted(editor):
    story = StoryPageFactory(
        title="A story in review",
        publish=False,
        owner=editor,
        # As the editor saves it: a block key, so that a resubmitted form changes nothing.
        body=[("paragraph", RichText('<p data-block-key="k1p2a">I was frightened.</p>'))],
    )
    story.save_revision(user=editor)
    story.get_workflow().start(story, editor)
    return StoryPage.objects.get(pk=story.pk)


def edit_url(story):
    return reverse("wagtailadmin_pages:edit", args=[story.pk])


def edit_form(client, story):
    """The edit form as the browser submits it, unchanged (the body is built in JavaScript)."""
    response = client.get(edit_url(story))
    assert response.status_code == 200
    html = response.content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    for name in re.findall(r'<input type="checkbox" name="([\w-]+)"[^>]* checked>', html):
        data[name] = "on"  # a ticked box with no value attribute, as a browser sends it
    draft = story.get_latest_revision().as_object()
    blocks = [block for block in draft.body if block.block_type == "paragraph"]
    data.update(
        nested_form_data(
            {"body": streamfield([(b.block_type, rich_text(b.value.source)) for b in blocks])}
        )
    )
    for index, block in enumerate(blocks):
        data[f"body-{index}-id"] = block.id
    return data


def act_from_the_editor(client, user, story, action):
    """What the action button at the foot of the edit view posts."""
    client.force_login(user)
    data = edit_form(client, story)
    data["action-workflow-action"] = "true"
    data["workflow-action-name"] = action
    data["workflow-action-extra-data"] = '{"comment": "Checked."}'
    return client.post(edit_url(story), data, follow=True)


def landed_on(response):
    return urlsplit(response.redirect_chain[-1][0]).path if response.redirect_chain else None


def assert_no_dead_end(response):
    page = response.content.decode()
    assert response.status_code == 200
    assert DENIED not in page
    assert "/admin/login/" not in (landed_on(response) or "")


# 1. After approving -------------------------------------------------------------------------


def test_a_clinical_reviewer_lands_on_the_dashboard_told_the_story_was_approved(
    client, submitted, reviewer
):
    response = act_from_the_editor(client, reviewer, submitted, "approve")
    assert_no_dead_end(response)
    assert landed_on(response) == reverse("wagtailadmin_home")
    assert "“A story in review” approved." in response.content.decode()
    assert "has been updated" not in response.content.decode()


def test_a_consent_officer_lands_on_the_dashboard_told_the_story_was_approved_and_published(
    client, submitted, reviewer, officer
):
    act_from_the_editor(client, reviewer, submitted, "approve")
    storyteller_approves(submitted)
    response = act_from_the_editor(
        client, officer, StoryPage.objects.get(pk=submitted.pk), "approve"
    )
    assert_no_dead_end(response)
    assert landed_on(response) == reverse("wagtailadmin_home")
    assert "“A story in review” approved and published." in response.content.decode()
    assert StoryPage.objects.get(pk=submitted.pk).live


def approve_by_the_workflow_url(client, user, story, next_url=None):
    """What the dashboard's "Awaiting your review" buttons post (with `next`), or a bare post."""
    story = StoryPage.objects.get(pk=story.pk)
    state = story.current_workflow_state
    client.force_login(user)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[story.pk, "approve", state.current_task_state.pk],
    )
    data = {"comment": "Checked."} | ({"next": next_url} if next_url else {})
    return client.post(url, data, follow=True)


def test_approving_from_the_dashboard_returns_there_told_the_story_was_approved(
    client, submitted, reviewer
):
    response = approve_by_the_workflow_url(client, reviewer, submitted, next_url="/admin/")
    assert_no_dead_end(response)
    assert landed_on(response) == reverse("wagtailadmin_home")
    assert "“A story in review” approved." in response.content.decode()


def test_approving_by_the_bare_workflow_url_never_ends_on_a_permission_error(
    client, submitted, reviewer, officer
):
    response = approve_by_the_workflow_url(client, reviewer, submitted)
    assert_no_dead_end(response)
    assert "“A story in review” approved." in response.content.decode()
    storyteller_approves(submitted)
    response = approve_by_the_workflow_url(client, officer, submitted)
    assert_no_dead_end(response)
    assert "“A story in review” approved and published." in response.content.decode()


def test_someone_who_may_publish_still_lands_in_the_explorer(client, submitted, admin_user):
    response = act_from_the_editor(client, admin_user, submitted, "approve")
    assert_no_dead_end(response)
    assert landed_on(response) == reverse("wagtailadmin_explore", args=[submitted.get_parent().pk])
    assert "“A story in review” approved." in response.content.decode()


# 2. Consent officers read every story, edit none ---------------------------------------------


def test_a_consent_officer_opens_every_story_the_coverage_report_lists(client, officer):
    client.force_login(officer)
    report = client.get(reverse("stories_consent_coverage"))
    assert report.status_code == 200
    links = [
        href for href in hrefs(report.content.decode()) if "/stories/" in href or "/pages/" in href
    ]
    live = StoryPage.objects.live().count()
    assert len(set(links)) >= live > 1
    for link in set(links):
        assert_no_dead_end(client.get(link, follow=True))


def test_a_consent_officer_may_read_a_story_but_never_edit_or_publish_it(client, officer):
    story = StoryPageFactory(title="Read, not touched")
    client.force_login(officer)
    overview = client.get(reverse("stories_story_overview", args=[story.pk]))
    assert overview.status_code == 200
    assert "Read, not touched" in overview.content.decode()
    assert edit_url(story) not in overview.content.decode()
    perms = story.permissions_for_user(officer)
    assert not perms.can_edit()
    assert not perms.can_publish()
    assert not perms.can_unpublish()
    assert DENIED in client.get(edit_url(story), follow=True).content.decode()


def test_a_consent_officer_opens_each_story_from_a_storytellers_page(client, officer):
    storyteller = StorytellerFactory()
    stories = [StoryPageFactory(storyteller=storyteller) for _ in range(2)]
    client.force_login(officer)
    page = client.get(reverse("wagtailsnippets_stories_storyteller:edit", args=[storyteller.pk]))
    for story in stories:
        url = reverse("stories_story_overview", args=[story.pk])
        assert url in page.content.decode()
        assert_no_dead_end(client.get(url, follow=True))


# 4. Only links the user may follow -----------------------------------------------------------


class Links(HTMLParser):
    """The admin links in the page's main content (not the menu, not the header)."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.depth += 1
        elif tag == "a" and self.depth and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "main" and self.depth:
            self.depth -= 1


def hrefs(html):
    parser = Links()
    parser.feed(html)
    return parser.links


# Links that do something rather than show something, or leave the admin.
NOT_FOLLOWED = re.compile(
    r"/logout/|/bulk/|export=|/delete/|/unpublish/|/copy/|/move/|/lock/|/unlock/"
)


def admin_links(base, html):
    for href in hrefs(html):
        url = urljoin(base, href)
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver") or not parts.path.startswith("/admin/"):
            continue
        if NOT_FOLLOWED.search(url):
            continue
        yield parts.path + (f"?{parts.query}" if parts.query else "")


def crawl_from_the_dashboard(client, reports=()):
    """The dashboard (and reports), every admin page they link to, and every link on those."""
    dead_ends = []
    seen = {}
    frontier = ["/admin/", *reports]
    for depth in range(3):
        next_frontier = []
        for url in frontier:
            if url in seen:
                continue
            response = client.get(url, follow=True)
            page = response.content.decode(errors="replace")
            landed = landed_on(response) or url
            ok = (
                response.status_code == 200
                and DENIED not in page
                and not landed.startswith("/admin/login/")
            )
            seen[url] = ok
            if not ok:
                dead_ends.append((url, response.status_code, landed))
            if depth < 2 and ok and "text/html" in response.get("Content-Type", ""):
                next_frontier.extend(admin_links(url, page))
        frontier = next_frontier
    return seen, dead_ends


@pytest.fixture
def dashboard_content(editor, reviewer, submitted):
    """Something in the dashboard's panels: a story awaiting review, a withdrawal."""
    from stories.consent.withdrawal import withdraw_consent

    teller = StorytellerFactory()
    StoryPageFactory(storyteller=teller, title="Soon withdrawn")
    withdraw_consent(teller.reference, "They asked us to.", user=None)


@pytest.mark.parametrize("role", ["editor", "reviewer", "officer"])
def test_no_link_from_the_dashboard_or_a_report_leads_to_a_permission_error(
    client, request, role, dashboard_content
):
    user = request.getfixturevalue(role)
    client.force_login(user)
    reports = [reverse("stories_awaiting_review")]
    if role == "officer":
        reports.append(reverse("stories_consent_coverage"))
    seen, dead_ends = crawl_from_the_dashboard(client, reports)
    assert len(seen) > 5
    if dead_ends:
        pytest.fail("Dead ends (link, status, landed on):\n" + "\n".join(map(str, dead_ends)))


def test_editors_are_not_offered_a_storyteller_they_may_not_open(client, editor):
    storyteller = StorytellerFactory()
    story = StoryPageFactory(storyteller=storyteller, publish=False, owner=editor)
    client.force_login(editor)
    page = client.get(edit_url(story)).content.decode()
    assert reverse("wagtailsnippets_stories_storyteller:edit", args=[storyteller.pk]) not in page


# 5. Cancelling a review ----------------------------------------------------------------------


def cancel_from_the_editor(client, user, story):
    client.force_login(user)
    data = edit_form(client, story)
    data["action-cancel-workflow"] = "true"
    return client.post(edit_url(story), data, follow=True)


def review_state(story):
    return WorkflowState.objects.filter(object_id=str(story.pk)).latest("created_at").status


def test_a_reviewer_is_not_offered_cancel_and_cannot_cancel(client, submitted, reviewer):
    client.force_login(reviewer)
    assert 'name="action-cancel-workflow"' not in client.get(edit_url(submitted)).content.decode()
    response = cancel_from_the_editor(client, reviewer, submitted)
    assert "Only the author or a site administrator can cancel a review" in (
        response.content.decode()
    )
    assert review_state(submitted) == WorkflowState.STATUS_IN_PROGRESS


def test_the_author_is_told_when_an_administrator_cancels_the_review(
    client, submitted, editor, admin_user, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    assert 'name="action-cancel-workflow"' in client.get(edit_url(submitted)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        cancel_from_the_editor(client, admin_user, submitted)
    assert review_state(submitted) == WorkflowState.STATUS_CANCELLED
    cancelled = [
        message for message in mail.outbox if message.subject.startswith("Review cancelled")
    ]
    assert len(cancelled) == 1
    assert cancelled[0].to == [editor.email]
    assert "A story in review" in cancelled[0].body
    assert edit_url(submitted) in cancelled[0].body


def test_the_author_may_cancel_their_own_review_and_is_not_mailed_about_it(
    client, submitted, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        cancel_from_the_editor(client, editor, submitted)
    assert review_state(submitted) == WorkflowState.STATUS_CANCELLED
    assert not [m for m in mail.outbox if m.subject.startswith("Review cancelled")]
