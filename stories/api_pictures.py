"""Pictures in the API: each picture a page shows, as addresses that work for
the site the API answered, and for its readers, for as long as the rule
allows and no longer.

Media follow pages (DESIGN.md): a picture is served only while a page its
reader may see now uses it; for an organisation's API token, a page the
organisation may syndicate. A partner's site shows the pictures to its own
readers, whose browsers carry no token. So each picture is given:

- at its public address (`/images/<rendition>`) while the public may see it
  (stories.media_serving.serve_image checks it there for anyone);
- otherwise, to an organisation's token, at a shared address: the same path
  with `?shared=<token id>:<signature>`, signed (django.core.signing, salted)
  over the token and the rendition's name. Whoever fetches it, every fetch
  asks again whether the token still stands (not revoked, its organisation
  not suspended) and whether its organisation may still syndicate a live
  page showing the picture: a withdrawal, narrowed consent, take-down,
  unpublishing, a revoked token or a suspended organisation makes it 404 at
  once. No shared cache keeps such an answer;
- otherwise (a token of someone other than an organisation) at the public
  address, which answers to that token as the reader it is;
- and when the reader may not see it at all, not given (`null`).

Only the sizes the site itself shows are given (stories.renditions), made
on publish in the background, so an API call rarely makes one.

A page of the API's answer costs the same few queries however many stories
and pictures it holds: before serialising, the endpoint hands every page to
`PictureAddresses.prepare`, which fetches their pictures with their
renditions in two queries and asks the rule for all of them at once
(stories.media_access.readable_pictures, the one rule for pictures, asked
of many pictures together).
"""

import mimetypes

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from rest_framework.fields import Field
from wagtail.images.models import SourceImageIOError
from wagtail.models import APIToken

from .readers.membership import syndicates
from .renditions import specs

# Where the API shows a picture (keys of stories.renditions.STORY_PAGE_PICTURES).
API_PLACES = ("hero", "image", "before_after")

# The query parameter of a shared picture address, and the signature's salt.
SHARED = "shared"
SHARED_SALT = "stories.api_pictures.shared-picture"


def _signer():
    return signing.Signer(salt=SHARED_SALT)


def _signed_value(name, token_pk):
    return f"{name}|{token_pk}"


def shared_query(name, token):
    """`<token id>:<signature>` for the rendition stored under `name`."""
    signed = _signer().sign(_signed_value(name, token.pk))
    return f"{token.pk}:{signed.rsplit(':', 1)[1]}"


def token_sharing(name, shared):
    """The API token a shared address for `name` was given to, while its
    signature holds and the token still stands (not revoked, its user active,
    its organisation not suspended); else None."""
    from .readers.membership import is_locked_out

    token_pk, _, signature = shared.partition(":")
    if not token_pk.isdigit() or not signature:
        return None
    try:
        _signer().unsign(f"{_signed_value(name, int(token_pk))}:{signature}")
    except signing.BadSignature:
        return None
    token = (
        APIToken.objects.select_related("user__membership__organisation")
        .filter(pk=int(token_pk), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active or is_locked_out(token.user):
        return None
    return token


def site_address():
    """The site's one address, without a trailing slash."""
    base = getattr(settings, "WAGTAILAPI_BASE_URL", "") or settings.SITE_URL
    return base.rstrip("/")


def body_picture_ids(page):
    """Ids of the library pictures a page's body shows, read from its stored
    blocks without building them."""
    raw = getattr(getattr(page, "body", None), "raw_data", None)
    if raw is None:
        return set()
    ids = set()
    for block in raw:
        value = block.get("value")
        if not isinstance(value, dict):
            continue
        if block.get("type") == "image":
            ids.add(value.get("image"))
        elif block.get("type") == "before_after":
            ids.update((value.get("before"), value.get("after")))
    return {pk for pk in ids if isinstance(pk, int)}


class PictureAddresses:
    """How one API request gives pictures: publicly, shared with its token, or not."""

    def __init__(self, request):
        self.token = getattr(request, "auth", None) if request is not None else None
        if not isinstance(self.token, APIToken):
            self.token = None
        self.user = request.user if self.token is not None else AnonymousUser()
        self.syndicating = self.token is not None and syndicates(self.user)
        # Pictures asked about at once by `prepare`: id → "public", "shared" or None.
        self.ways = {}

    def prepare(self, pages):
        """Fetch the pictures these pages show (heroes and body pictures), with
        the renditions the API gives, and ask the rule for all of them at once:
        a fixed number of queries, however many pages and pictures. Returns the
        pictures by id, for the body's blocks to take (stories.blocks.pictures_at_hand)."""
        from .images import StoryImage
        from .media_access import readable_pictures

        wanted = set()
        for page in pages:
            if getattr(page, "hero_image_id", None):
                wanted.add(page.hero_image_id)
            wanted |= body_picture_ids(page)
        wanted -= self.ways.keys()
        if not wanted:
            return {}
        filters = [spec for place in API_PLACES for spec in specs(place)]
        pictures = {
            picture.pk: picture
            for picture in StoryImage.objects.filter(pk__in=wanted)
            .select_related("collection")
            .prefetch_renditions(*filters)
        }
        for page in pages:
            hero = pictures.get(getattr(page, "hero_image_id", None))
            if hero is not None:
                type(page).hero_image.field.set_cached_value(page, hero)
        public = readable_pictures(AnonymousUser(), pictures.values())
        shown = set()
        if self.token is not None:
            others = [picture for pk, picture in pictures.items() if pk not in public]
            shown = readable_pictures(self.user, others, self.syndicating)
        for pk in pictures:
            self.ways[pk] = "public" if pk in public else self.way_when_readable(pk in shown)
        return pictures

    def way_when_readable(self, readable):
        if not readable:
            return None
        return "shared" if self.syndicating else "public"

    @classmethod
    def for_request(cls, request):
        """One per request, however many pictures its pages show."""
        if request is None:
            return cls(None)
        found = getattr(request, "_picture_addresses", None)
        if found is None:
            found = cls(request)
            request._picture_addresses = found
        return found

    def way_for(self, image):
        """ "public", "shared" or None: how this request may be given the picture."""
        from .media_access import may_see_image

        if image.pk in self.ways:
            return self.ways[image.pk]
        if may_see_image(AnonymousUser(), image):
            return "public"
        if self.token is None or not may_see_image(self.user, image, self.syndicating):
            return None
        return "shared" if self.syndicating else "public"

    def url(self, rendition, way):
        address = site_address() + rendition.url
        if way == "shared":
            address += f"?{SHARED}={shared_query(rendition.file.name, self.token)}"
        return address

    def picture(self, image, place):
        """The picture object the API gives for `image` shown at `place` (a key
        of stories.renditions.STORY_PAGE_PICTURES), or None."""
        if image is None:
            return None
        way = self.way_for(image)
        if way is None:
            return None
        try:
            renditions = image.get_renditions(*specs(place))
        except SourceImageIOError:
            return None  # the stored file is missing: nothing a reader could fetch
        sources = {}
        for rendition in renditions.values():
            kind = mimetypes.guess_type(rendition.file.name)[0]
            # A small original gives the larger size at its own: one is enough.
            sources.setdefault(
                (kind, rendition.width, rendition.height),
                {
                    "url": self.url(rendition, way),
                    "width": rendition.width,
                    "height": rendition.height,
                    "type": kind,
                },
            )
        sources = list(sources.values())
        # The JPEG of the smallest size, as the site's own <img src> falls back to.
        fallback = min(
            (source for source in sources if source["type"] == "image/jpeg"),
            key=lambda source: source["width"],
        )
        return {
            "id": image.pk,
            "url": fallback["url"],
            "width": fallback["width"],
            "height": fallback["height"],
            "alt": image.default_alt_text,
            "credit": image.credit,
            "sources": sources,
        }


def picture_for_api(image, place, context):
    """What a block or field gives the API for a picture (see PictureAddresses)."""
    request = (context or {}).get("request")
    return PictureAddresses.for_request(request).picture(image, place)


class PictureField(Field):
    """A page's picture (its hero) in the API, given as body pictures are."""

    def __init__(self, place, **kwargs):
        self.place = place
        super().__init__(**kwargs)

    def to_representation(self, image):
        return picture_for_api(image, self.place, self.context)


class HeroImageURLField(PictureField):
    """`hero_image_url`, as partners' sites have read it since the API began
    (Wagtail's rendition field: url, full_url, width, height, alt): the
    hero's largest JPEG, at the same gated address as `hero` gives."""

    def __init__(self, **kwargs):
        super().__init__("hero", **kwargs)

    def to_representation(self, image):
        picture = super().to_representation(image)
        if picture is None:
            return None
        largest = max(
            (source for source in picture["sources"] if source["type"] == "image/jpeg"),
            key=lambda source: source["width"],
        )
        return {
            "url": largest["url"],
            "full_url": largest["url"],
            "width": largest["width"],
            "height": largest["height"],
            "alt": picture["alt"],
        }
