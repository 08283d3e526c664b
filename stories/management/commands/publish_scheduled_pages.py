from .publish_scheduled import Command as PublishScheduled


class Command(PublishScheduled):
    """Wagtail's older name for `publish_scheduled`, refusing and carrying on the same way."""
