"""Benchmarks (`make bench`): the production settings, plus a bare Django view
as the reference every figure is divided by (config.bench_urls).

`BENCH_CACHE=dummy` serves with a cache that keeps nothing, for the round
that measures a page with nothing cached at all; `BENCH_CACHE=after-publish`
serves every request as the first after another story's publish, and
`BENCH_CACHE=after-change` as the first after a change to consent
(stories.benchmark.after_publish).
"""

import os

from .production import *  # noqa: F403

ROOT_URLCONF = "config.bench_urls"

if os.environ.get("BENCH_CACHE") == "dummy":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

AFTER = {
    "after-publish": "stories.benchmark.after_publish.another_story_published_before_each_request",
    "after-change": "stories.benchmark.after_publish.consent_changed_before_each_request",
}
if os.environ.get("BENCH_CACHE") in AFTER:
    MIDDLEWARE = [AFTER[os.environ["BENCH_CACHE"]], *MIDDLEWARE]  # noqa: F405
