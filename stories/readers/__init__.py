"""Readers who sign in: members of schools and partner organisations.

The public reads without an account. Teachers and partner staff are invited
by editors, sign in on the site (never the admin), and read what consent
allows for their organisation's audience. Suspending an organisation locks
its members and its API tokens out at once.
"""
