"""For the benchmark's "right after a publish" round: every request is served
as the first one after a publish.

A publish starts a new content generation (stories.caching), so the pages
and fragments kept under the old one are never read again, while what no
publish retires (Wagtail's site root paths, renditions, each process's
compiled questions) stays. Giving each request a generation of its own, never
written to the database, makes every page and fragment miss in just that way.
"""

import uuid


def new_generation_each_request(get_response):
    def middleware(request):
        request._content_generation = uuid.uuid4().hex
        return get_response(request)

    return middleware
