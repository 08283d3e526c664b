"""Consent events in Wagtail's audit log, each with its own action name.

Officers and editors read the history of a storyteller or a story in the
admin's log views and reports, in plain words. Whoever may read a history
reads these messages, so none carries what only consent officers may know:
a storyteller's reason for withdrawing (kept on the withdrawal, read in the
consent record), their evidence or their real identity. Entries written
before this rule are shown the same way.
"""

from wagtail.log_actions import LogFormatter

PUBLISH_REFUSED = "stories.consent.publish_refused"
CAPTURED = "stories.consent.captured"
SUPERSEDED = "stories.consent.superseded"
WITHDRAWN = "stories.consent.withdrawn"
ERASED = "stories.consent.erased"
LAPSED = "stories.consent.lapsed"
TAKEN_DOWN = "stories.consent.taken_down"
REMINDED = "stories.consent.expiry_reminder"
EVIDENCE_VIEWED = "stories.consent.evidence_viewed"
ON_OWN_PAGE = "stories.consent.on_own_page"


class PublishRefused(LogFormatter):
    label = "Publish refused: consent"

    def format_message(self, log_entry):
        problems = log_entry.data.get("problems", [])
        return "Publishing refused: " + " ".join(problems)


class Captured(LogFormatter):
    label = "Consent captured"

    def format_message(self, log_entry):
        return f"Consent captured, in force until {log_entry.data.get('ends_on', '?')}"


class Superseded(LogFormatter):
    label = "Consent superseded"
    message = "Consent superseded by a newer record"


class Withdrawn(LogFormatter):
    label = "Consent withdrawn"
    # Never the reason: it is the storyteller's own words, for consent officers only.
    message = "Consent withdrawn (the reason is kept with the consent record)"


class Erased(LogFormatter):
    label = "Storyteller erased"
    message = "The storyteller's stories, pictures and personal data were erased on request"


class Lapsed(LogFormatter):
    label = "Consent lapsed"

    def format_message(self, log_entry):
        return f"Consent no longer in force: {log_entry.data.get('reason', '')}"


WITHDRAWN_BECAUSE = "consent was withdrawn"


def without_storytellers_words(reason):
    """A take-down's reason as anyone may read it: older entries carried the
    storyteller's own words after "consent was withdrawn:"."""
    if reason.startswith(WITHDRAWN_BECAUSE):
        return WITHDRAWN_BECAUSE
    return reason


class TakenDown(LogFormatter):
    label = "Story taken down: consent"

    def format_message(self, log_entry):
        reason = log_entry.data.get("reason") or "consent no longer covers it"
        return f"Taken down because {without_storytellers_words(reason)}"


class Reminded(LogFormatter):
    label = "Consent expiry reminder sent"

    def format_message(self, log_entry):
        return f"Reminder sent: consent ends within {log_entry.data.get('days', '?')} days"


class EvidenceViewed(LogFormatter):
    label = "Consent evidence viewed"
    message = "Consent evidence opened"


class OnOwnPage(LogFormatter):
    label = "Consent changed on the storyteller's own page"

    def format_message(self, log_entry):
        by = log_entry.data.get("by") or "the storyteller"
        return f"{log_entry.data.get('what', 'Consent changed')}, by {by} on their own page"


FORMATTERS = {
    PUBLISH_REFUSED: PublishRefused,
    CAPTURED: Captured,
    SUPERSEDED: Superseded,
    WITHDRAWN: Withdrawn,
    ERASED: Erased,
    LAPSED: Lapsed,
    TAKEN_DOWN: TakenDown,
    REMINDED: Reminded,
    EVIDENCE_VIEWED: EvidenceViewed,
    ON_OWN_PAGE: OnOwnPage,
}


def register(actions):
    for action, formatter in FORMATTERS.items():
        actions.register_action(action)(formatter)
