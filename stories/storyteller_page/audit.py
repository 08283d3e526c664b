"""The storyteller's page in Wagtail's audit log, on the storyteller's history.

Every link issued or revoked, every opening, every code sent or typed wrong,
every lockout. Never the token or the code: an entry that held either would
open the page for whoever reads the log.
"""

from wagtail.log_actions import LogFormatter

LINK_ISSUED = "stories.storyteller_page.link_issued"
LINK_REVOKED = "stories.storyteller_page.link_revoked"
LINK_OPENED = "stories.storyteller_page.opened"
CODE_SENT = "stories.storyteller_page.code_sent"
CODE_WRONG = "stories.storyteller_page.code_wrong"
LOCKED = "stories.storyteller_page.locked"
SIGNED_OUT = "stories.storyteller_page.signed_out"

HOLDERS = {"storyteller": "the storyteller", "guardian": "their parent or guardian"}


def holder_words(log_entry):
    return HOLDERS.get(log_entry.data.get("holder"), "the storyteller")


class LinkIssued(LogFormatter):
    label = "Private page link issued"

    def format_message(self, log_entry):
        until = log_entry.data.get("expires_on", "?")
        return f"Private page link issued for {holder_words(log_entry)}, open until {until}"


class LinkRevoked(LogFormatter):
    label = "Private page link revoked"

    def format_message(self, log_entry):
        data = log_entry.data
        if data.get("replaced"):
            why = "replaced by a new link"
        elif data.get("too_many_codes"):
            why = "too many wrong codes"
        else:
            why = "revoked"
        return f"Private page link for {holder_words(log_entry)} stopped working: {why}"


class LinkOpened(LogFormatter):
    label = "Private page opened"

    def format_message(self, log_entry):
        return f"Private page opened by {holder_words(log_entry)} with a one-time code"


class CodeSent(LogFormatter):
    label = "Private page code sent"

    def format_message(self, log_entry):
        return f"One-time code e-mailed to {holder_words(log_entry)}"


class CodeWrong(LogFormatter):
    label = "Private page code wrong"

    def format_message(self, log_entry):
        failed = log_entry.data.get("failed", "?")
        return f"A wrong or expired one-time code was typed ({failed} in a row)"


class Locked(LogFormatter):
    label = "Private page locked"

    def format_message(self, log_entry):
        minutes = log_entry.data.get("minutes", "?")
        return f"Private page link locked for {minutes} minutes after wrong codes"


class SignedOut(LogFormatter):
    label = "Private page signed out"
    message = "Signed out of the private page"


FORMATTERS = {
    LINK_ISSUED: LinkIssued,
    LINK_REVOKED: LinkRevoked,
    LINK_OPENED: LinkOpened,
    CODE_SENT: CodeSent,
    CODE_WRONG: CodeWrong,
    LOCKED: Locked,
    SIGNED_OUT: SignedOut,
}


def register(actions):
    for action, formatter in FORMATTERS.items():
        actions.register_action(action)(formatter)
