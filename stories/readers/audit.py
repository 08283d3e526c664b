"""Reader events in Wagtail's audit log."""

INVITED = "stories.readers.invited"
TOKEN_CREATED = "stories.readers.api_token_created"  # noqa: S105 (an action name)
TOKEN_REVOKED = "stories.readers.api_token_revoked"  # noqa: S105


def register(actions):
    actions.register_action(INVITED, "Reader invited", "Reader invited")
    actions.register_action(TOKEN_CREATED, "API token created", "API token created")
    actions.register_action(TOKEN_REVOKED, "API token revoked", "API token revoked")
