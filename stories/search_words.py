"""Words readers type for the same thing, for search (stories.search).

Stemming finds "dentists" for "dentist" and "frightening" for "frightened";
it cannot know that someone "anxious" is looking for stories of dental
anxiety, or that "teeth" are "tooth". Each family here is searched as one
word: a story with any of its words matches. Families are kept small and
about what the campaign's stories are about; a word belongs to one family.
"""

WORD_FAMILIES = [
    ("anxiety", "anxious", "anxieties"),
    ("fear", "fears", "afraid", "unafraid", "scared", "frightened", "fright", "terror", "phobia"),
    ("tooth", "teeth"),
    ("child", "children", "kid", "kids"),
    ("brave", "bravery", "courage", "courageous"),
    ("photo", "photos", "photograph", "photographs", "picture", "pictures"),
    ("mum", "mother", "mom"),
    ("dad", "father"),
    ("injection", "injections", "needle", "needles", "jab"),
    ("autism", "autistic"),
]

FAMILY_OF = {word: family for family in WORD_FAMILIES for word in family}


def word_family(word):
    """The words searched for a word a reader typed, that word first."""
    family = FAMILY_OF.get(word.lower())
    if family is None:
        return (word,)
    return (word, *(other for other in family if other != word.lower()))
