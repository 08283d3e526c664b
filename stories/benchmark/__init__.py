"""`make bench`: the site's pages under load, each against a bare Django view
measured in the same round (`manage.py bench_site`), and figures measured in
one process (`manage.py bench_inprocess`): queries per request, search, the
expiry sweep, publishing and withdrawal.
"""
