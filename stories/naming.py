"""How a storyteller is named in public: pure logic, no database."""

from django.db import models


class NamingChoice(models.TextChoices):
    """How the storyteller asked to be named where readers can see it."""

    FULL_NAME = "full_name", "Full name"
    FIRST_NAME = "first_name", "First name only"
    PSEUDONYM = "pseudonym", "Pseudonym"
    ANONYMOUS = "anonymous", "Anonymous"


ANONYMOUS_NAME = "Anonymous"


def shown_name(naming, first_name="", last_name="", pseudonym=""):
    """The one name readers see, derived so that editors never type it twice."""
    if naming == NamingChoice.FULL_NAME:
        return " ".join(part for part in (first_name.strip(), last_name.strip()) if part)
    if naming == NamingChoice.FIRST_NAME:
        return first_name.strip()
    if naming == NamingChoice.PSEUDONYM:
        return pseudonym.strip()
    return ANONYMOUS_NAME


def naming_problems(naming, first_name="", last_name="", pseudonym=""):
    """What is missing for a naming choice to produce a name, by field."""
    problems = {}
    if naming in (NamingChoice.FULL_NAME, NamingChoice.FIRST_NAME) and not first_name.strip():
        problems["first_name"] = "A first name is needed to show the storyteller's name."
    if naming == NamingChoice.FULL_NAME and not last_name.strip():
        problems["last_name"] = "A last name is needed to show the full name."
    if naming == NamingChoice.PSEUDONYM and not pseudonym.strip():
        problems["pseudonym"] = "Enter the pseudonym the storyteller chose."
    return problems
