"""For the benchmark's rounds "right after a publish" and "right after a
change to consent": every request is served as the first one after it.

A story's publish starts a new content generation (stories.caching): whole
pages and listings kept under the old one are never read again, while the
parts of other stories' pages, kept under the site generation and the
publish of each story they show, stay. A change to consent, a picture or any
other page starts a new site generation too, and then every page and
fragment misses. What neither retires (Wagtail's site root paths,
renditions, kept related ids, each process's compiled questions) stays.
Giving each request generations of its own, never written to the database,
makes pages and fragments miss in just those ways.
"""

import uuid


def another_story_published_before_each_request(get_response):
    def middleware(request):
        request._content_generation = uuid.uuid4().hex
        return get_response(request)

    return middleware


def consent_changed_before_each_request(get_response):
    def middleware(request):
        request._content_generation = uuid.uuid4().hex
        request._site_generation = uuid.uuid4().hex
        return get_response(request)

    return middleware
