"""The read-only API: Wagtail's v2 pages endpoint, behind the one gate.

Why v2 and not v3: Wagtail 8's v3 API decides what a caller reads with a
module-level query that either shows every public page or, for a token,
every page the token's user may edit in the admin, and offers no place to
plug in the consent gate. v2 lets an endpoint choose its queryset, so
stories here come from `visible_stories`, exactly as on the site. v2 offers
no writes, so no token can create, edit or publish through it.

Who reads what:
- without a token, the public: public pages and public stories;
- with an organisation's token (Wagtail's API tokens, see
  stories.readers.api_access), what its members may read *and* whose
  consent allows syndication to that organisation;
- a revoked token, or one of a suspended organisation: 403, nothing else.
A signed-in browser session is ignored here; only tokens count.
"""

import hashlib
from contextlib import contextmanager
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, prefetch_related_objects
from django.db.models.functions import Substr
from rest_framework.throttling import SimpleRateThrottle
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import APIToken, Page, Site

from .api_pictures import PictureAddresses
from .blocks import CLIPS_AT_HAND, PICTURES_AT_HAND
from .caching import SHARED_CACHE_SECONDS, fragment_key
from .client_address import client_address, rate_limits_cache
from .clips import clips_in_bodies
from .pages import StoryPage
from .pagination import column_holds, largest_in_column
from .readers.api_access import APITokenAuthentication
from .readers.membership import syndicates
from .search_api import GatedSearchFilter
from .visibility import reader_may_see, restricted_here


class PerTokenRateThrottle(SimpleRateThrottle):
    """Each token has its own allowance; callers without one share one per address.

    Counted in the cache every worker shares (Redis, or a database table
    without it), per client address as the trusted proxies give it: a
    header the client writes itself changes nothing.
    """

    scope = "api"
    cache = rate_limits_cache

    def get_ident(self, request):
        return client_address(request)

    def get_cache_key(self, request, view):
        if isinstance(request.auth, APIToken):
            return self.cache_format % {"scope": "api-token", "ident": request.auth.pk}
        return self.cache_format % {"scope": "api-anonymous", "ident": self.get_ident(request)}

    def get_rate(self):
        if isinstance(getattr(self, "_request_auth", None), APIToken):
            return settings.API_RATE_PER_TOKEN
        return settings.API_RATE_ANONYMOUS

    def allow_request(self, request, view):
        self._request_auth = request.auth
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)


class CountablePagination(WagtailPagination):
    """Wagtail's `?offset=` and `?limit=`, for offsets the database can count to.

    An offset larger than the database's biggest integer is refused (400), and
    one past the last item lists nothing without asking the database to skip
    that far, which fails once offset and limit add up beyond its integers.
    """

    def paginate_queryset(self, queryset, request, view=None):
        try:
            offset = int(request.GET.get("offset", 0))
        except ValueError:
            offset = 0  # Wagtail's own check below refuses it, with its message
        if not column_holds(offset):
            raise BadRequestError(
                f"offset must be a positive integer no larger than {largest_in_column()}"
            )
        page = super().paginate_queryset(CountedOnce(queryset, request), request, view)
        return queryset.none() if offset >= self.total_count else page


class CountedOnce:
    """A listing of the API whose `total_count` is counted once for this
    content generation, reader and day (as `CountedOncePaginator` counts the
    story index), and for the same filters, search and order.

    Counting reads every story the gate lets through (several hundred
    milliseconds at 10,000 stories), while the page asks the gate only for
    the rows it shows. A publish or a change to consent starts a new
    generation, so the count is never older than what the items obey; the
    items themselves are always asked of the gate.
    """

    NOT_COUNTED = {"offset", "limit", "fields", "format"}

    def __init__(self, queryset, request):
        self.queryset = queryset
        self.key = self.count_key(request)

    @classmethod
    def count_key(cls, request):
        asked = sorted(
            (name, value)
            for name, values in request.GET.lists()
            if name not in cls.NOT_COUNTED
            for value in values
        )
        token = request.auth.pk if isinstance(request.auth, APIToken) else "-"
        listing = f"{request.path}?{urlencode(asked)}".encode()
        digest = hashlib.sha256(listing).hexdigest()
        return f"count:{fragment_key(request)}:api:{token}:{digest}"

    def count(self):
        counted = cache.get(self.key)
        if counted is None:
            counted = self.queryset.count()
            cache.set(self.key, counted, SHARED_CACHE_SECONDS)
        return counted

    def __getitem__(self, index):
        return self.queryset[index]


class GatedPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint; stories come only through the gate."""

    authentication_classes = [APITokenAuthentication]
    permission_classes = []
    throttle_classes = [PerTokenRateThrottle]
    pagination_class = CountablePagination
    filter_backends = [*PagesAPIViewSet.filter_backends[:-1], GatedSearchFilter]  # last: search

    # Fields that show pictures, and what the other fields read from related rows.
    PICTURE_FIELDS = {"body", "hero", "hero_image_url"}
    STORY_FIELDS = {"shown_name": "storyteller", "theme_names": "themes"}

    def listing_view(self, request):
        with self.serialising():
            return super().listing_view(request)

    def detail_view(self, request, pk):
        with self.serialising():
            return super().detail_view(request, pk)

    @contextmanager
    def serialising(self):
        """While a page of the answer is serialised, its body's picture and clip
        blocks take the pictures and clips `get_serializer` fetched for every page at once."""
        self._pictures_token = self._clips_token = None
        try:
            yield
        finally:
            if self._pictures_token is not None:
                PICTURES_AT_HAND.reset(self._pictures_token)
            if self._clips_token is not None:
                CLIPS_AT_HAND.reset(self._clips_token)

    def get_serializer(self, instance=None, *args, many=False, **kwargs):
        """The serializer of one page or a page of the listing, with whatever the
        asked fields read from other rows fetched for all its pages at once: a
        fixed number of queries however many stories and pictures it holds."""
        pages = list(instance) if many else [instance]
        serializer = super().get_serializer(pages if many else instance, *args, many=many, **kwargs)
        fields = set((serializer.child if many else serializer).fields)
        if "locale" in fields:
            prefetch_related_objects(pages, "locale")
        stories = [page for page in pages if isinstance(page, StoryPage)]
        for field, relation in self.STORY_FIELDS.items():
            if field in fields and stories:
                prefetch_related_objects(stories, relation)
        if fields & self.PICTURE_FIELDS:
            pictures = PictureAddresses.for_request(self.request).prepare(pages)
            if pictures and getattr(self, "_pictures_token", None) is None:
                self._pictures_token = PICTURES_AT_HAND.set(pictures)
        if "body" in fields:
            clips = clips_in_bodies(pages)  # for the clip blocks, in one query
            if clips and getattr(self, "_clips_token", None) is None:
                self._clips_token = CLIPS_AT_HAND.set(clips)
        return serializer

    def find_object(self, queryset, request):
        """`?html_path=` or `?id=`, as Wagtail finds them; an id that is no
        number is a bad request (400), not a failure."""
        if "id" in request.GET:
            try:
                int(request.GET["id"])
            except ValueError as error:
                raise BadRequestError("id must be a positive integer") from error
        return super().find_object(queryset, request)

    def filter_queryset(self, queryset):
        """Wagtail's filters; a value its field cannot take (`?first_published_at=abc`,
        a date with month 13) is a bad request (400), as Wagtail answers for numbers."""
        try:
            return super().filter_queryset(queryset)
        except ValidationError as error:
            raise BadRequestError(f"field filter error: {' '.join(error.messages)}") from error

    def get_base_queryset(self):
        """What this request may list, built once: Wagtail asks for it up to
        three times a request, and building the gate is most of a request's work."""
        if not hasattr(self, "_gated_pages"):
            self._gated_pages = self.gated_pages()
        return self._gated_pages.all()

    def gated_pages(self):
        site = Site.find_for_request(self.request)
        if site is None:
            return Page.objects.none()
        syndicating = isinstance(self.request.auth, APIToken) and syndicates(self.request.user)
        story_type = ContentType.objects.get_for_model(StoryPage)
        # The site's pages in every language: each language's home is a
        # translation of the site's root page, with its own tree (`?locale=es`
        # narrows to one language, `?translation_of=` to one page's).
        root = site.root_page
        home_in_its_language = Page.objects.filter(
            translation_key=root.translation_key,
            depth=root.depth,
            path=Substr(OuterRef("path"), 1, root.depth * Page.steplen),
        )
        # The gate is asked of each row as the page of the answer is read, in
        # its order, and the reading stops at the page's end: at 10,000 stories
        # the gate as `pk IN (every visible story)` cost most of a request. Its
        # SQL is compiled once per process (`gate_allows`), so building it
        # costs nothing however many queries it is part of (the count, the
        # page, the type filter).
        return (
            Page.objects.live()
            .filter(Exists(home_in_its_language))
            .exclude(Exists(restricted_here()))
            .filter(
                ~Q(content_type=story_type)
                | reader_may_see(self.request.user, syndication=syndicating)
            )
        )


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", GatedPagesAPIViewSet)
