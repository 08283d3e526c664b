"""Who may act on consent, asked by the admin's views, panels and links.

A module of its own, importing nothing of the project, so that panels and
links can ask without reaching into the take-down machinery.
"""

# Consent officers and site administrators hold it: withdrawing consent, and
# taking one story down, are theirs.
WITHDRAW_CONSENT = "stories.withdraw_consent"


def may_take_stories_down(user):
    """Consent officers and site administrators: those who may withdraw consent."""
    return user.is_active and user.has_perm(WITHDRAW_CONSENT)
