"""A partner's site shows a story's pictures: the API gives each picture a
story's body shows as addresses with alt text, which the partner's own
readers (whose browsers carry no token) may fetch exactly while the
organisation may syndicate a live story showing it, and no longer."""

import io
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.files.images import ImageFile
from django.test import Client

from stories.consent.records import ConsentRecord
from stories.consent.subjects import pictures_shown
from stories.consent.withdrawal import withdraw_consent
from stories.factories import (
    ConsentRecordFactory,
    StoryImageFactory,
    StoryPageFactory,
    StorytellerFactory,
    solid_picture,
)
from stories.images import StoryRendition
from stories.pages import StoryPage
from stories.partners import PartnerOrganisation
from stories.readers import api_access

THERAPY_GROUP = "Quiet Harbour Therapy Group"
SCHOOL = "Harbour Lane Primary School"
ANY_PICTURE_URL = re.compile(r"/images/[^\s\"'<>,]+")


def api(path, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    response = Client().get(path, **headers)
    assert response.status_code == 200, response.content
    return response.json()


def detail(story, token=None):
    return api(f"/api/v2/pages/{story.pk}/", token)


def blocks_of(data, kind):
    return [block["value"] for block in data["body"] if block["type"] == kind]


def token_for(name):
    return api_access.create_token(PartnerOrganisation.objects.get(name=name), "Partner site")[1]


def fetched_by_a_reader(url):
    """What the partner site's reader's browser gets: no token, no session."""
    parts = urlsplit(url)
    return Client().get(f"{parts.path}?{parts.query}" if parts.query else parts.path)


def large_picture(title):
    file = ImageFile(io.BytesIO(solid_picture(size=(1600, 1000))), name="large.jpg")
    return StoryImageFactory(title=title, file=file)


def body_with_pictures(name):
    return [
        ("image", {"image": large_picture(f"{name} in the chair"), "caption": "Week 4"}),
        (
            "before_after",
            {
                "before": StoryImageFactory(title=f"{name} before"),
                "after": StoryImageFactory(title=f"{name} after", credit="Clinic photographer"),
                "caption": "Six months apart",
            },
        ),
    ]


def syndicating_storyteller():
    return StorytellerFactory(consent__syndication=ConsentRecord.Syndication.ANY)


@pytest.fixture
def partners_story():
    """A story for partner organisations only, which its storyteller lets any
    partner syndicate, showing a hero, a picture and a before-and-after pair."""
    storyteller = StorytellerFactory(
        consent__for_public=False,
        consent__for_partners=True,
        consent__syndication=ConsentRecord.Syndication.ANY,
    )
    return StoryPageFactory(
        title="Walking back to the chair",
        storyteller=storyteller,
        for_public=False,
        for_partners=True,
        hero_image=large_picture("Walking hero"),
        body=body_with_pictures("Walker"),
    )


@pytest.fixture
def therapy_token():
    return token_for(THERAPY_GROUP)


def test_a_partner_gets_each_body_picture_with_alt_text_and_sizes(partners_story, therapy_token):
    data = detail(partners_story, therapy_token)
    image = blocks_of(data, "image")[0]
    assert image["caption"] == "Week 4"
    picture = image["image"]
    assert picture["alt"] == "Illustration: Walker in the chair"
    assert picture["url"].startswith(settings.WAGTAILAPI_BASE_URL.rstrip("/") + "/images/")
    assert (picture["width"], picture["height"]) == (640, 400)
    assert {source["type"] for source in picture["sources"]} == {
        "image/avif",
        "image/webp",
        "image/jpeg",
    }
    assert sorted({source["width"] for source in picture["sources"]}) == [640, 1280]
    pair = blocks_of(data, "before_after")[0]
    assert pair["before"]["alt"] == "Illustration: Walker before"
    assert pair["after"]["credit"] == "Clinic photographer"
    assert pair["caption"] == "Six months apart"
    assert (pair["after"]["width"], pair["after"]["height"]) == (480, 360)


def pictures_in(data):
    """Every picture object the detail of a story gives: body and hero."""
    pictures = [block["image"] for block in blocks_of(data, "image")]
    for pair in blocks_of(data, "before_after"):
        pictures += [pair["before"], pair["after"]]
    return [*pictures, data["hero"]]


def test_a_partners_reader_without_a_token_is_served_every_picture_the_api_gave(
    partners_story, therapy_token
):
    pictures = pictures_in(detail(partners_story, therapy_token))
    assert len(pictures) == 4 and all(pictures)
    for picture in pictures:
        assert picture["url"] in {source["url"] for source in picture["sources"]}
        for source in picture["sources"]:
            response = fetched_by_a_reader(source["url"])
            assert response.status_code == 200
            assert response["Content-Type"] == source["type"]
            # A members' picture: no CDN keeps it, no search engine indexes it.
            assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
            assert response["X-Robots-Tag"] == "noindex"


def test_without_the_signature_the_partners_reader_gets_nothing(partners_story, therapy_token):
    url = blocks_of(detail(partners_story, therapy_token), "image")[0]["image"]["url"]
    assert Client().get(urlsplit(url).path).status_code == 404


def test_after_the_storyteller_withdraws_the_same_address_answers_404(
    partners_story, therapy_token
):
    url = blocks_of(detail(partners_story, therapy_token), "image")[0]["image"]["url"]
    assert fetched_by_a_reader(url).status_code == 200
    withdraw_consent(partners_story.storyteller.reference, "Changed her mind")
    assert fetched_by_a_reader(url).status_code == 404


def test_when_new_consent_stops_syndication_the_address_answers_404(partners_story, therapy_token):
    url = blocks_of(detail(partners_story, therapy_token), "image")[0]["image"]["url"]
    ConsentRecordFactory(
        storyteller=partners_story.storyteller,
        for_public=False,
        for_partners=True,
        syndication=ConsentRecord.Syndication.NONE,
    )
    assert fetched_by_a_reader(url).status_code == 404


def test_a_suspended_organisation_or_a_revoked_token_ends_its_addresses(partners_story):
    group = PartnerOrganisation.objects.get(name=THERAPY_GROUP)
    token, plaintext = api_access.create_token(group, "Partner site")
    url = blocks_of(detail(partners_story, plaintext), "image")[0]["image"]["url"]
    group.is_suspended = True
    group.save()
    assert fetched_by_a_reader(url).status_code == 404
    group.is_suspended = False
    group.save()
    assert fetched_by_a_reader(url).status_code == 200
    api_access.revoke_token(group, token.pk)
    assert fetched_by_a_reader(url).status_code == 404


@pytest.mark.parametrize(
    "tamper",
    [
        lambda shared: shared[:-1] + ("A" if shared[-1] != "A" else "B"),
        lambda shared: str(int(shared.split(":")[0]) + 1) + ":" + shared.split(":")[1],
        lambda shared: shared.split(":")[0],
        lambda shared: "",
        lambda shared: "x:" + shared,
    ],
    ids=["signature", "another-token", "no-signature", "empty", "garbage"],
)
def test_a_tampered_address_answers_404(partners_story, therapy_token, tamper):
    url = blocks_of(detail(partners_story, therapy_token), "image")[0]["image"]["url"]
    parts = urlsplit(url)
    shared = parts.query.removeprefix("shared=")
    assert Client().get(parts.path, {"shared": tamper(shared)}).status_code == 404


def test_a_signature_for_one_picture_does_not_open_another(partners_story, therapy_token):
    data = detail(partners_story, therapy_token)
    picture = urlsplit(blocks_of(data, "image")[0]["image"]["url"])
    other = urlsplit(blocks_of(data, "before_after")[0]["before"]["url"])
    assert Client().get(other.path + "?" + picture.query).status_code == 404


def test_a_story_the_token_may_not_syndicate_shows_none_of_its_pictures(partners_story):
    """A school's token: the partners' story is not for schools at all."""
    school_token = token_for(SCHOOL)
    response = Client().get(
        f"/api/v2/pages/{partners_story.pk}/", HTTP_AUTHORIZATION=f"Bearer {school_token}"
    )
    assert response.status_code == 404
    detail(partners_story, token_for(THERAPY_GROUP))  # every size exists now
    listing = api("/api/v2/pages/?type=stories.StoryPage&fields=body,hero&limit=100", school_token)
    text = str(listing)
    assert "Walker" not in text
    shown = pictures_shown(StoryPage.objects.get(pk=partners_story.pk))
    names = StoryRendition.objects.filter(image__in=shown).values_list("file", flat=True)
    assert len(names) == 4 * 6
    assert not any(name in text for name in names)


def test_a_partners_story_not_syndicated_to_them_gives_no_addresses():
    """Readable by the group's members, but its storyteller did not agree to syndication."""
    storyteller = StorytellerFactory(
        consent__for_public=False,
        consent__for_partners=True,
        consent__syndication=ConsentRecord.Syndication.NONE,
    )
    story = StoryPageFactory(
        storyteller=storyteller,
        for_public=False,
        for_partners=True,
        body=body_with_pictures("Unsyndicated"),
    )
    token = token_for(THERAPY_GROUP)
    response = Client().get(f"/api/v2/pages/{story.pk}/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 404
    listing = api("/api/v2/pages/?type=stories.StoryPage&fields=body&limit=100", token)
    assert "Unsyndicated" not in str(listing)


def test_a_public_storys_pictures_are_given_at_their_public_addresses(therapy_token):
    story = StoryPageFactory(
        storyteller=syndicating_storyteller(), body=body_with_pictures("Public")
    )
    for data in (detail(story), detail(story, therapy_token)):
        picture = blocks_of(data, "image")[0]["image"]
        assert "?" not in picture["url"]
        assert all("?" not in source["url"] for source in picture["sources"])
        response = Client().get(urlsplit(picture["url"]).path)
        assert response.status_code == 200
        assert "public" in response["Cache-Control"]


def test_the_public_api_gives_only_public_addresses(therapy_token):
    listing = api("/api/v2/pages/?type=stories.StoryPage&fields=body,hero&limit=100")
    urls = ANY_PICTURE_URL.findall(str(listing))
    assert urls, "the demo's public stories show pictures"
    assert not any("shared=" in url for url in urls)
    for url in set(urls[:12]):
        assert Client().get(url).status_code == 200


def test_a_decorative_picture_has_empty_alt_text(therapy_token):
    image = StoryImageFactory(title="Pattern", alt_text="", is_decorative=True)
    story = StoryPageFactory(
        storyteller=syndicating_storyteller(), body=[("image", {"image": image, "caption": ""})]
    )
    assert blocks_of(detail(story, therapy_token), "image")[0]["image"]["alt"] == ""


def test_the_hero_is_given_as_a_picture_too(partners_story, therapy_token):
    hero = detail(partners_story, therapy_token)["hero"]
    assert hero["alt"] == "Illustration: Walking hero"
    assert (hero["width"], hero["height"]) == (800, 450)
    assert fetched_by_a_reader(hero["url"]).status_code == 200


def test_a_picture_whose_file_is_lost_is_null_not_a_failure(therapy_token):
    image = StoryImageFactory(title="Lost on disk")
    story = StoryPageFactory(
        storyteller=syndicating_storyteller(), body=[("image", {"image": image, "caption": ""})]
    )
    image.file.storage.delete(image.file.name)
    assert blocks_of(detail(story, therapy_token), "image")[0]["image"] is None


def test_hero_image_url_is_still_given_as_partners_sites_have_read_it(
    partners_story, therapy_token
):
    data = detail(partners_story, therapy_token)
    old = data["hero_image_url"]
    assert set(old) == {"url", "full_url", "width", "height", "alt"}
    largest_jpeg = max(
        (source for source in data["hero"]["sources"] if source["type"] == "image/jpeg"),
        key=lambda source: source["width"],
    )
    assert old["url"] == old["full_url"] == largest_jpeg["url"]
    assert fetched_by_a_reader(old["url"]).status_code == 200
