"""Media follow pages: a picture or document is served to a reader only while a
page that reader may see now uses it in its live content, with the reader's
audiences and, for an API token, its organisation's syndication rights.
Anything else answers 404; editors see drafts through the admin."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from stories.consent.records import ConsentRecord
from stories.factories import (
    PartnerOrganisationFactory,
    StandardPageFactory,
    StoryImageFactory,
    StoryPageFactory,
    StorytellerFactory,
)
from stories.images import StoryImage
from stories.pages import StoryPage
from stories.partners import PartnerOrganisation
from stories.readers import api_access

from .people import storyteller_approves

SCHOOL = "Harbour Lane Primary School"  # the demo teacher's school
THERAPY_GROUP = "Quiet Harbour Therapy Group"  # the demo partner's group
MEDIA_URL = re.compile(r"/(?:images|documents)/[^\s\"'<>,]+")


def signed_in(username):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


class TokenClient(Client):
    """A syndicating site fetching with its organisation's API token."""

    def __init__(self, organisation_name):
        super().__init__()
        organisation = PartnerOrganisation.objects.get(name=organisation_name)
        self.token = api_access.create_token(organisation, "Syndication")[1]

    def get(self, path, *args, **kwargs):
        return super().get(path, *args, HTTP_AUTHORIZATION=f"Bearer {self.token}", **kwargs)


def readers():
    """Everyone who reads from outside the admin."""
    return {
        "a signed-out visitor": Client(),
        "a teacher": signed_in("teacher"),
        "a partner": signed_in("partner"),
        "a school's API token": TokenClient(SCHOOL),
        "a therapy group's API token": TokenClient(THERAPY_GROUP),
    }


def document(title):
    return get_document_model().objects.create(
        title=title, file=ContentFile(b"%PDF-1.4 test", name=f"{title}.pdf")
    )


def link_to(doc):
    return (
        "paragraph",
        RichText(f'<p>Read <a linktype="document" id="{doc.pk}">the leaflet</a>.</p>'),
    )


def pictures_and_a_leaflet(name):
    """A body showing a picture, a before-and-after pair and a link to a leaflet."""
    return [
        link_to(document(f"{name}-leaflet")),
        ("image", {"image": StoryImageFactory(title=f"{name} picture"), "caption": ""}),
        (
            "before_after",
            {
                "before": StoryImageFactory(title=f"{name} before"),
                "after": StoryImageFactory(title=f"{name} after"),
                "caption": "",
            },
        ),
    ]


def broad_storyteller():
    return StorytellerFactory(
        consent__for_schools=True,
        consent__for_partners=True,
        consent__syndication=ConsentRecord.Syndication.ANY,
    )


@pytest.fixture
def drafts():
    """Three drafts an editor is working on, each showing pictures and a leaflet:
    a new revision of a live story everyone may read, a story never published,
    and a plain page never published."""
    storyteller = broad_storyteller()
    live = StoryPageFactory(storyteller=storyteller, for_schools=True, for_partners=True)
    revision = live.get_latest_revision_as_object()
    revision.hero_image = StoryImageFactory(
        title="Portrait held back", shows_identifiable_person=True
    )
    revision.body = pictures_and_a_leaflet("revised")
    revision.save_revision()
    unpublished = StoryPageFactory(
        storyteller=storyteller,
        for_schools=True,
        for_partners=True,
        hero_image=StoryImageFactory(title="Hero of an unpublished story"),
        body=pictures_and_a_leaflet("unpublished"),
        publish=False,
    )
    plain = StandardPageFactory(body=pictures_and_a_leaflet("plain"), publish=False)
    return [live, unpublished, plain]


def test_every_picture_and_document_url_a_draft_produces_answers_404_to_every_reader(drafts):
    editor = signed_in("editor")
    urls = set()
    for page in drafts:
        response = editor.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
        assert response.status_code == 200
        urls |= set(MEDIA_URL.findall(response.content.decode()))
    # The editor's chooser makes a thumbnail of every picture too.
    for image in StoryImage.objects.filter(
        title__regex="^(revised|unpublished|plain|Portrait|Hero)"
    ):
        urls.add(image.get_rendition("max-165x165").url)
    assert len([url for url in urls if url.startswith("/documents/")]) == 3
    assert len([url for url in urls if url.startswith("/images/")]) >= 12
    for url in urls:
        assert editor.get(url).status_code == 200, url
        for reader, client in readers().items():
            assert client.get(url).status_code == 404, f"{reader} was served {url}"


def test_a_picture_kept_out_of_a_story_by_the_guard_is_not_served_by_its_thumbnail():
    """Sol agreed to words only: the guard kept his portrait out of his story,
    and opening the refused draft in the editor made the chooser's thumbnail."""
    sol = StoryPage.objects.get(slug="words-without-pictures")
    portrait = sol.get_latest_revision_as_object().hero_image
    assert portrait is not None and sol.hero_image_id is None
    url = portrait.get_rendition("max-165x165").url
    for reader, client in readers().items():
        response = client.get(url)
        assert response.status_code == 404, f"{reader} was served Sol's portrait"
    response = signed_in("editor").get(url)
    assert response.status_code == 200
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))


def test_a_picture_no_page_uses_is_not_served_even_if_it_shows_no_storyteller():
    image = StoryImageFactory(title="Uploaded and not used yet")
    url = image.get_rendition("fill-400x300").url
    assert Client().get(url).status_code == 404
    assert signed_in("editor").get(url).status_code == 200


def test_a_picture_is_served_while_a_live_page_uses_it_and_not_after():
    image = StoryImageFactory(title="On the about page for a while")
    page = StandardPageFactory(body=[("image", {"image": image, "caption": ""})])
    url = image.get_rendition("width-640").url
    assert Client().get(url).status_code == 200
    page.body = [("paragraph", RichText("<p>No picture any more.</p>"))]
    page.save_revision().publish()
    assert Client().get(url).status_code == 404


def test_a_story_picture_leaves_with_the_live_content_not_with_a_draft():
    image = StoryImageFactory(title="In the story, then taken out")
    story = StoryPageFactory(body=[("image", {"image": image, "caption": ""})])
    url = image.get_rendition("width-640").url
    assert Client().get(url).status_code == 200
    draft = story.get_latest_revision_as_object()
    draft.body = [("paragraph", RichText("<p>Words only now.</p>"))]
    draft.save_revision()
    assert Client().get(url).status_code == 200, "the live story still shows it"
    storyteller_approves(story)
    StoryPage.objects.get(pk=story.pk).get_latest_revision().publish()
    assert Client().get(url).status_code == 404


def test_a_document_no_page_links_to_is_not_served(client):
    doc = document("orphan-leaflet")
    assert client.get(doc.url).status_code == 404
    assert signed_in("editor").get(doc.url).status_code == 200


def test_a_document_linked_only_from_a_draft_of_a_live_page_is_not_served(client):
    doc = document("draft-only-leaflet")
    page = StandardPageFactory(body=[("paragraph", RichText("<p>Nothing to download.</p>"))])
    draft = page.get_latest_revision_as_object()
    draft.body = [link_to(doc)]
    draft.save_revision()
    assert client.get(doc.url).status_code == 404


def test_a_document_a_schools_story_links_to_is_for_schools_only(client):
    doc = document("schools-leaflet")
    StoryPageFactory(
        storyteller=StorytellerFactory(consent__for_schools=True),
        for_public=False,
        for_schools=True,
        body=[link_to(doc)],
    )
    assert client.get(doc.url).status_code == 404
    assert signed_in("partner").get(doc.url).status_code == 404
    assert signed_in("teacher").get(doc.url).status_code == 200


def schools_story_syndicated(syndication, named=()):
    storyteller = StorytellerFactory(consent__for_schools=True, consent__syndication=syndication)
    storyteller.consent_records.get().syndication_partners.set(named)
    image = StoryImageFactory(title=f"Picture of a story syndicated to {syndication}")
    StoryPageFactory(storyteller=storyteller, for_public=False, for_schools=True, hero_image=image)
    return image.get_rendition("fill-640x400").url


def test_a_schools_token_is_not_served_a_picture_of_a_story_it_may_not_syndicate():
    url = schools_story_syndicated(ConsentRecord.Syndication.NONE)
    assert signed_in("teacher").get(url).status_code == 200, "its teachers may read it"
    assert TokenClient(SCHOOL).get(url).status_code == 404


def test_a_schools_token_is_served_a_picture_of_a_story_it_may_syndicate():
    url = schools_story_syndicated(ConsentRecord.Syndication.ANY)
    response = TokenClient(SCHOOL).get(url)
    assert response.status_code == 200
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    assert TokenClient(THERAPY_GROUP).get(url).status_code == 404, "not for partners"


def test_picture_access_is_remembered_per_organisation_not_per_audience():
    other_school = PartnerOrganisationFactory(name="Another school", kind="school")
    named = PartnerOrganisation.objects.get(name=SCHOOL)
    url = schools_story_syndicated(ConsentRecord.Syndication.NAMED, named=[named])
    assert TokenClient(SCHOOL).get(url).status_code == 200
    other = Client()
    other_token = api_access.create_token(other_school, "Syndication")[1]
    assert other.get(url, HTTP_AUTHORIZATION=f"Bearer {other_token}").status_code == 404


def test_a_refused_token_reads_as_nobody_in_particular():
    url = schools_story_syndicated(ConsentRecord.Syndication.ANY)
    response = Client().get(url, HTTP_AUTHORIZATION="Bearer wagtail_not-a-real-token")
    assert response.status_code == 404


def test_partner_logos_on_the_home_page_are_served_to_anyone():
    logo = PartnerOrganisation.objects.exclude(logo=None).first().logo
    url = logo.get_rendition("max-160x160").url
    for reader, client in readers().items():
        assert client.get(url).status_code == 200, f"{reader} cannot see a partner's logo"


def test_people_who_work_in_the_admin_fetch_any_picture_privately():
    image = StoryImageFactory(title="Only in the library", storyteller=broad_storyteller())
    url = image.get_rendition("fill-400x300").url
    for username in ("editor", "reviewer", "consent", "admin"):
        response = signed_in(username).get(url)
        assert response.status_code == 200, username
        assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
