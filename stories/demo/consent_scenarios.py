"""The demo's consent: what each storyteller agreed to, and the situations a
newcomer should meet in the admin (consent about to expire, a minor with a
guardian's consent, a story whose consent covers words only, a withdrawal).

Every storyteller consents to what their stories show unless a scenario
here says otherwise. Dates are relative to the day the demo is loaded.
"""

from datetime import timedelta

from django.utils import timezone

from ..consent.records import ConsentRecord, add_years

SCENARIOS = {
    # Margaret's consent ends within 30 days: it shows on the dashboard.
    "HS-0007": {"given_days_ago": 705, "expires_in_days": 25},
    # Children: a parent consented for them, until they turn 18.
    "HS-0005": {"guardian": ("Ngozi Okafor", "Mother")},
    "HS-0006": {"guardian": ("Luis Reyes", "Father")},
    # Sol agreed to words only: his photo cannot go on his story.
    "HS-0008": {"words_only": True},
    # Priya withdrew: her story is unpublished and unreachable.
    "HS-0009": {"withdrawn": "She has changed jobs and would like a fresh start."},
    # Tomasz and Flora let partner organisations in their audiences reuse their stories.
    "HS-0001": {"partners": True, "syndication": "any"},
    "HS-0002": {"partners": True, "syndication": "any"},
    # Marlow's story is for partner organisations only, and they may reuse it.
    "HS-0013": {"partners": True, "syndication": "any"},
}


def shows_identifiable_person(story_spec):
    pictures = [story_spec.get("hero")]
    for block_type, value in story_spec["body"]:
        if block_type == "image":
            pictures.append(value["picture"])
        elif block_type == "before_after":
            pictures += [value["before"], value["after"]]
    return any(p and p.get("shows_identifiable_person") for p in pictures)


def shows_recording(story_spec, block_type):
    """Whether the story shows a clip of this kind ("voice_clip", "video_clip")."""
    return any(kind == block_type for kind, _value in story_spec["body"])


def record_for(storyteller, story_specs, scenario):
    """An unsaved consent record covering these stories, shaped by the scenario."""
    today = timezone.localdate()
    given_on = today - timedelta(days=scenario.get("given_days_ago", 90))
    if "expires_in_days" in scenario:
        expires_on = today + timedelta(days=scenario["expires_in_days"])
    else:
        expires_on = add_years(given_on, 2)
    guardian = scenario.get("guardian")
    return ConsentRecord(
        storyteller=storyteller,
        for_public=True,
        for_schools=scenario.get("schools", True),
        for_partners=scenario.get("partners", False),
        syndication=scenario.get("syndication", ConsentRecord.Syndication.NONE),
        naming_allowed=storyteller.naming,
        identifiable_photos=not scenario.get("words_only")
        and any(shows_identifiable_person(spec) for spec in story_specs),
        voice=any(shows_recording(spec, "voice_clip") for spec in story_specs),
        video=any(shows_recording(spec, "video_clip") for spec in story_specs),
        given_by=ConsentRecord.GivenBy.GUARDIAN if guardian else ConsentRecord.GivenBy.STORYTELLER,
        guardian_name=guardian[0] if guardian else "",
        guardian_relationship=guardian[1] if guardian else "",
        given_on=given_on,
        expires_on=expires_on,
    )
