"""Consent events in Wagtail's audit log, each with its own action name.

Officers and editors read the history of a storyteller or a story in the
admin's log views and reports, in plain words.
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

    def format_message(self, log_entry):
        return f"Consent withdrawn: {log_entry.data.get('reason', '')}"


class Erased(LogFormatter):
    label = "Storyteller erased"
    message = "The storyteller's stories, pictures and personal data were erased on request"


class Lapsed(LogFormatter):
    label = "Consent lapsed"

    def format_message(self, log_entry):
        return f"Consent no longer in force: {log_entry.data.get('reason', '')}"


class TakenDown(LogFormatter):
    label = "Story taken down: consent"

    def format_message(self, log_entry):
        return f"Taken down because {log_entry.data.get('reason', 'consent no longer covers it')}"


class Reminded(LogFormatter):
    label = "Consent expiry reminder sent"

    def format_message(self, log_entry):
        return f"Reminder sent: consent ends within {log_entry.data.get('days', '?')} days"


class EvidenceViewed(LogFormatter):
    label = "Consent evidence viewed"
    message = "Consent evidence opened"


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
}


def register(actions):
    for action, formatter in FORMATTERS.items():
        actions.register_action(action)(formatter)
