"""Django finds the app's models here; each concept lives in its own module."""

from .blurring import UnblurredOriginal
from .caching import ContentGeneration
from .consent.records import ConsentRecord, ConsentReminder, ConsentWithdrawal
from .images import StoryImage, StoryRendition
from .pages import (
    HomePage,
    HomePageFeaturedStory,
    StandardPage,
    StoryIndexPage,
    StoryPage,
    StoryPageRelatedStory,
)
from .partners import PartnerOrganisation
from .readers.invitations import Invitation
from .readers.membership import Membership
from .review import ClinicalAccuracyTask, ConsentSafeguardingTask
from .storytellers import Storyteller
from .taxonomy import AgeBand, Theme

__all__ = [
    "ClinicalAccuracyTask",
    "ConsentSafeguardingTask",
    "ConsentRecord",
    "ConsentReminder",
    "ConsentWithdrawal",
    "ContentGeneration",
    "AgeBand",
    "HomePage",
    "HomePageFeaturedStory",
    "Invitation",
    "Membership",
    "PartnerOrganisation",
    "StandardPage",
    "StoryImage",
    "StoryIndexPage",
    "StoryPage",
    "StoryPageRelatedStory",
    "StoryRendition",
    "Storyteller",
    "Theme",
    "UnblurredOriginal",
]
