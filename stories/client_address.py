"""The address a request comes from, as far as the site can trust it.

Behind a proxy every request arrives from the proxy, which names the client
in `X-Forwarded-For`. A client can send that header too, with any addresses
in it; each proxy only appends the address it was reached from. So of the
entries, only the last `TRUSTED_PROXY_COUNT` (counted from the right) were
written by proxies the operator runs, and the left-most of those is the
client's address as the first trusted proxy saw it: with one proxy, the
right-most entry; anything further left is whatever the client wrote.
With no trusted proxy (the default) the header is ignored entirely and the
connection's own address counts.

Everything that keys on an address asks this one function: the API's rate
limit (stories.api) and the sign-in lockout (django-axes, settings).
"""

from ipaddress import ip_address

from django.conf import settings
from django.core.cache import caches
from django.utils.connection import ConnectionProxy

# Where what is counted per address is kept: one place for every worker
# (the same Redis, or a table of the database without it; see settings).
rate_limits_cache = ConnectionProxy(caches, "rate_limits")


def _valid(address):
    try:
        return str(ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request):
    """The client's address: REMOTE_ADDR, or the entry the trusted proxies vouch for."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [entry for entry in forwarded if entry]
    if len(forwarded) < proxies:
        # Fewer entries than proxies: the request did not come through them all.
        return remote
    return _valid(forwarded[-proxies]) or remote
