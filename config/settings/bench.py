"""Benchmarks (`make bench`): the production settings, plus a bare Django view
as the reference every figure is divided by (config.bench_urls).

`BENCH_CACHE=dummy` serves with a cache that keeps nothing, for the round
that measures a page with nothing cached at all; `BENCH_CACHE=after-publish`
serves every request as the first after a publish
(stories.benchmark.after_publish).
"""

import os

from .production import *  # noqa: F403

ROOT_URLCONF = "config.bench_urls"

if os.environ.get("BENCH_CACHE") == "dummy":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

if os.environ.get("BENCH_CACHE") == "after-publish":
    MIDDLEWARE = ["stories.benchmark.after_publish.new_generation_each_request", *MIDDLEWARE]  # noqa: F405
