"""What readers type into the search box, and the demo stories each should find.

Written from the demo campaign's words (stories/demo/content.py) as a pupil,
a teacher or a patient would look for them: single words, plurals and verb
forms, the words people use for the same thing, quoted phrases, the names
stories show, and misspellings. Each query lists the public stories (by
slug) a reader expects among the results; tests/test_search_relevance.py
measures how many of them the search page finds (recall).

Only public stories are listed: a member's story ("a-teachers-note" for
schools, "the-walking-group" for partners) must never be found by the public,
and "a-check-up-between-shifts" is a draft waiting for review.
"""

ANXIETY = {
    "floras-story",
    "flora-one-year-on",
    "at-my-own-pace",
    "the-panic-and-the-plan",
    "amara-and-the-bravery-stickers",
    "eighty-one-and-unafraid",
    "turning-the-volume-down",
}
DENTIST = {
    "floras-story",
    "at-my-own-pace",
    "the-panic-and-the-plan",
    "amara-and-the-bravery-stickers",
    "eighty-one-and-unafraid",
    "turning-the-volume-down",
}
FEAR = {
    "floras-story",
    "flora-one-year-on",
    "amara-and-the-bravery-stickers",
    "eighty-one-and-unafraid",
}
NDS = {
    "floras-story",
    "jonahs-mountain",
    "words-without-pictures",
    "what-the-nanobots-felt-like",
}
NOWAK = {"smiling-in-photographs", "learning-to-floss-at-forty-five"}

# (what the reader types, the stories it should find)
QUERIES = [
    # single words, and their other forms
    ("anxiety", ANXIETY),
    ("anxious", ANXIETY),
    ("dentist", DENTIST),
    ("dentists", DENTIST),
    ("dentist's", DENTIST),
    ("frightened", FEAR),
    ("fear", FEAR),
    ("scared", FEAR),
    ("afraid", FEAR | {"eighty-one-and-unafraid"}),
    ("nanobot", {"what-the-nanobots-felt-like", "floras-story", "jonahs-mountain"}),
    ("nanobots", {"what-the-nanobots-felt-like", "floras-story", "jonahs-mountain"}),
    ("flossing", {"learning-to-floss-at-forty-five"}),
    ("sticker", {"amara-and-the-bravery-stickers"}),
    ("brave", {"amara-and-the-bravery-stickers"}),
    ("calming", {"turning-the-volume-down", "floras-story", "eighty-one-and-unafraid"}),
    ("tooth", {"smiling-in-photographs", "amara-and-the-bravery-stickers"}),
    ("photos", {"smiling-in-photographs"}),
    ("autism", {"turning-the-volume-down"}),
    ("nurse", {"at-my-own-pace", "the-panic-and-the-plan", "turning-the-volume-down"}),
    ("kids", {"amara-and-the-bravery-stickers"}),
    # several words, and phrases
    ("dental anxiety", ANXIETY),
    ('"dental anxiety"', ANXIETY),
    ("panic attacks", {"the-panic-and-the-plan"}),
    ('"panic attacks"', {"the-panic-and-the-plan"}),
    ("sand timer", {"learning-to-floss-at-forty-five"}),
    ("virtual mountain", {"jonahs-mountain"}),
    ("living with NDS", NDS),
    ("scared of the dentist", {"floras-story", "eighty-one-and-unafraid"}),
    ("free check-ups", {"ruths-saturday-clinic"}),
    # the names stories show
    ("Nowak", NOWAK),
    ("Tomasz Nowak", NOWAK),
    ("Flora", {"floras-story", "flora-one-year-on"}),
    ("Wren", {"at-my-own-pace"}),
    ("Margaret Ellis", {"eighty-one-and-unafraid"}),
    ("Sol", {"words-without-pictures"}),
    ("Yara", {"turning-the-volume-down"}),
    # misspelt
    ("dentsit", DENTIST),
    ("anxeity", ANXIETY),
    ("nanobotts", {"what-the-nanobots-felt-like", "floras-story", "jonahs-mountain"}),
    ("Margret", {"eighty-one-and-unafraid"}),
]

# Stories only members may read: never found by the public, whatever they type.
MEMBERS_STORIES = {"a-teachers-note", "the-walking-group"}

# What a signed-in teacher (a member of a demo school) should find besides.
FOR_A_TEACHER = [
    ("teacher", {"a-teachers-note"}),
    ("using these stories in class", {"a-teachers-note"}),
]
