"""Django finds the app's models here; each concept lives in its own module."""

from .blurring import UnblurredOriginal
from .caching import ContentGeneration
from .clips import StoryClip
from .consent.approvals import StorytellerApproval, StorytellerApprovalTask
from .consent.records import ConsentRecord, ConsentReminder, ConsentWithdrawal
from .images import StoryImage, StoryRendition
from .landing import AudienceLandingPage
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
from .shown import PersonShown, StoryMedium, StoryShows
from .storyteller_page.codes import OneTimeCode
from .storyteller_page.links import StorytellerLink
from .storytellers import Storyteller
from .taxonomy import AgeBand, Theme
from .visits import VisitRequestFormField, VisitRequestPage

__all__ = [
    "ClinicalAccuracyTask",
    "ConsentSafeguardingTask",
    "ConsentRecord",
    "ConsentReminder",
    "ConsentWithdrawal",
    "ContentGeneration",
    "AgeBand",
    "AudienceLandingPage",
    "HomePage",
    "HomePageFeaturedStory",
    "Invitation",
    "Membership",
    "PartnerOrganisation",
    "PersonShown",
    "StandardPage",
    "StoryClip",
    "StoryImage",
    "StoryIndexPage",
    "StoryPage",
    "StoryPageRelatedStory",
    "StoryRendition",
    "StoryMedium",
    "StoryShows",
    "OneTimeCode",
    "Storyteller",
    "StorytellerApproval",
    "StorytellerApprovalTask",
    "StorytellerLink",
    "Theme",
    "UnblurredOriginal",
    "VisitRequestFormField",
    "VisitRequestPage",
]
