"""The storyteller's own page: their stories, their consent, their choices.

No account and no password: a consent officer issues a private link
(links.py); opening it sends a one-time code to the storyteller's own
address, or their guardian's (codes.py); the code opens the page for a
short while (views.py).
"""
