"""The demo campaign's words: themes, partners, storytellers, stories and pages.

Why plain data: the words are the part of the demo a person writes and
reviews, so they live apart from the code that stores them. Nothing here
imports Django or draws anything, and nothing is random, so the file can be
read (and checked) on its own, and loading the demo twice gives the same
campaign. The loader (loader.py) turns it into pages; pictures.py draws
every picture described here, from its scene, palette and key.

The campaign grew out of a story: Dr Elara Kessler's clinic, her mentor
Dr Alaric Gibbens, their apprentice Leo Trine, and their patient Flora,
in a city where Neural Degeneration Syndrome (NDS) decays teeth and
nerves alike. The storytellers, their details, the schools and the
organisations are invented; every web address and email is an example one.
"""


def para(*paragraphs):
    """Paragraph blocks, one per argument."""
    return [("paragraph", f"<p>{text}</p>") for text in paragraphs]


def picture(key, title, alt_text, scene, palette="dawn", identifiable=False, credit=""):
    """A picture for pictures.py to draw; its key and title are unique."""
    return {
        "key": key,
        "title": title,
        "alt_text": alt_text,
        "credit": credit or "Drawn for Histories & Smiles",
        "shows_identifiable_person": identifiable,
        "scene": scene,
        "palette": palette,
    }


THEMES = [
    {
        "name": "Dental anxiety",
        "description": (
            "Fear of the dentist, where it comes from, and the ways people found through it."
        ),
    },
    {
        "name": "Recovering after trauma",
        "description": (
            "Stories of care that took past harm seriously and went at the patient’s pace."
        ),
    },
    {
        "name": "Children and families",
        "description": "Young patients, and the grown-ups who sat beside them.",
    },
    {
        "name": "Confidence and self-image",
        "description": "What a smile does for how people see themselves, and how others see them.",
    },
    {
        "name": "Technology in care",
        "description": (
            "Calming VR suites, nanobot treatment, and the people who explain them in plain words."
        ),
    },
    {
        "name": "Living with NDS",
        "description": (
            "Neural Degeneration Syndrome: decay, numbness and tired nerves, and getting life back."
        ),
    },
    {
        "name": "Community and belonging",
        "description": (
            "Free checks, Saturday clinics, walking groups and the neighbours who turned up."
        ),
    },
]

# Where the demo's reader accounts belong (see READERS).
DEMO_SCHOOL = "Harbour Lane Primary School"
DEMO_THERAPY_GROUP = "Quiet Harbour Therapy Group"

# Reader accounts (development only): a teacher and a therapy group's staff.
READERS = [
    # username, e-mail, first name, last name, organisation
    ("teacher", "teacher@harbour-lane-primary.example", "Hana", "Ward", DEMO_SCHOOL),
    ("partner", "partner@quiet-harbour.example", "Idris", "Cole", DEMO_THERAPY_GROUP),
]

PARTNERS = [
    {
        "name": "Harbour Lane Primary School",
        "kind": "school",
        "website": "https://harbour-lane-primary.example",
        "contact_email": "office@harbour-lane-primary.example",
        "colour": "#1d5c63",
        "initials": "HLP",
    },
    {
        "name": "Northgate Academy",
        "kind": "school",
        "website": "https://northgate-academy.example",
        "contact_email": "pastoral@northgate-academy.example",
        "colour": "#7a2e12",
        "initials": "NA",
    },
    {
        "name": "Quiet Harbour Therapy Group",
        "kind": "therapy_group",
        "website": "https://quiet-harbour.example",
        "contact_email": "hello@quiet-harbour.example",
        "colour": "#6d5aa8",
        "initials": "QH",
    },
    {
        "name": "Steady Steps Trauma Support",
        "kind": "therapy_group",
        "website": "https://steady-steps.example",
        "contact_email": "team@steady-steps.example",
        "colour": "#2e2550",
        "initials": "SS",
    },
    {
        "name": "Open Door Wellness Collective",
        "kind": "wellness",
        "website": "https://open-door-wellness.example",
        "contact_email": "connect@open-door-wellness.example",
        "colour": "#4f8a3c",
        "initials": "ODW",
    },
    {
        "name": "Riverside Wellbeing Hub",
        "kind": "wellness",
        "website": "https://riverside-wellbeing.example",
        "contact_email": "info@riverside-wellbeing.example",
        "colour": "#c8644a",
        "initials": "RW",
    },
]

# Private records: only consent officers see names, contacts and birthdays.
# HS-0005 and HS-0006 are children; a parent consented for each (see
# consent_scenarios.py), and their stories say a parent helped tell them.
STORYTELLERS = [
    {
        "reference": "HS-0001",
        "naming": "first_name",
        "first_name": "Flora",
        "last_name": "Marsh",
        "pseudonym": "",
        "email": "flora.marsh@example.com",
        "phone": "07700 900101",
        "date_of_birth": "1994-05-12",
    },
    {
        "reference": "HS-0002",
        "naming": "full_name",
        "first_name": "Tomasz",
        "last_name": "Nowak",
        "pseudonym": "",
        "email": "tomasz.nowak@example.com",
        "phone": "07700 900102",
        "date_of_birth": "1981-09-03",
    },
    {
        "reference": "HS-0003",
        "naming": "pseudonym",
        "first_name": "Helen",
        "last_name": "Carrow",
        "pseudonym": "Wren",
        "email": "h.carrow@example.com",
        "phone": "07700 900103",
        "date_of_birth": "1988-02-20",
    },
    {
        "reference": "HS-0004",
        "naming": "anonymous",
        "first_name": "Daniel",
        "last_name": "Price",
        "pseudonym": "",
        "email": "dprice@example.com",
        "phone": "07700 900104",
        "date_of_birth": "1990-11-30",
    },
    {
        "reference": "HS-0005",
        "naming": "first_name",
        "first_name": "Amara",
        "last_name": "Okafor",
        "pseudonym": "",
        "email": "okafor.family@example.com",
        "phone": "07700 900105",
        "date_of_birth": "2017-06-14",
    },
    {
        "reference": "HS-0006",
        "naming": "first_name",
        "first_name": "Jonah",
        "last_name": "Reyes",
        "pseudonym": "",
        "email": "reyes.home@example.com",
        "phone": "07700 900106",
        "date_of_birth": "2011-03-08",
    },
    {
        "reference": "HS-0007",
        "naming": "full_name",
        "first_name": "Margaret",
        "last_name": "Ellis",
        "pseudonym": "",
        "email": "m.ellis@example.com",
        "phone": "01632 960107",
        "date_of_birth": "1945-07-22",
    },
    {
        "reference": "HS-0008",
        "naming": "pseudonym",
        "first_name": "Samuel",
        "last_name": "Achebe",
        "pseudonym": "Sol",
        "email": "sol.achebe@example.com",
        "phone": "07700 900108",
        "date_of_birth": "1979-12-01",
    },
    {
        "reference": "HS-0009",
        "naming": "first_name",
        "first_name": "Priya",
        "last_name": "Shah",
        "pseudonym": "",
        "email": "priya.shah@example.com",
        "phone": "07700 900109",
        "date_of_birth": "1996-04-17",
    },
    {
        "reference": "HS-0010",
        "naming": "full_name",
        "first_name": "Dev",
        "last_name": "Malik",
        "pseudonym": "",
        "email": "dev.malik@example.com",
        "phone": "07700 900110",
        "date_of_birth": "1985-08-25",
    },
    {
        "reference": "HS-0011",
        "naming": "first_name",
        "first_name": "Ruth",
        "last_name": "Adeyemi",
        "pseudonym": "",
        "email": "ruth.adeyemi@example.com",
        "phone": "01632 960111",
        "date_of_birth": "1969-01-09",
    },
    {
        "reference": "HS-0012",
        "naming": "anonymous",
        "first_name": "Claire",
        "last_name": "Dunmore",
        "pseudonym": "",
        "email": "c.dunmore@example.com",
        "phone": "07700 900112",
        "date_of_birth": "1983-10-05",
    },
    {
        "reference": "HS-0013",
        "naming": "pseudonym",
        "first_name": "Idris",
        "last_name": "Penhale",
        "pseudonym": "Marlow",
        "email": "idris.penhale@example.com",
        "phone": "07700 900113",
        "date_of_birth": "1962-06-30",
    },
    {
        "reference": "HS-0014",
        "naming": "full_name",
        "first_name": "Yara",
        "last_name": "Haddad",
        "pseudonym": "",
        "email": "yara.haddad@example.com",
        "phone": "07700 900114",
        "date_of_birth": "1999-02-11",
    },
]

# Flora agreed to one photograph of herself; the portrait scene stands in for it.
FLORA_AT_THE_CLINIC = picture(
    "flora-clinic",
    "Flora at the clinic",
    "Flora sitting upright in the treatment chair by the window, hands resting in her lap.",
    "portrait",
    "dawn",
    identifiable=True,
    credit="Leo Trine",
)

# Classroom packs (stories.classroom_packs), by story slug: Flora's story for
# secondary pupils, and the teacher's note for primary classes. In the blocks'
# stored form.
CLASSROOM_PACKS = {
    "floras-story": [
        {
            "type": "objectives",
            "value": [
                "Describe how a frightening memory can make an ordinary place feel unsafe.",
                "Name three things the clinic did that helped Flora feel in control.",
                "Know where to turn if a story like this brings up worries of your own.",
            ],
        },
        {
            "type": "questions",
            "value": [
                "Why do you think Flora kept booking appointments and then cancelling them?",
                "Flora says her teeth had become where she kept her grief. What does she mean?",
                "Which thing the team did made the biggest difference, and why?",
                "What could you say to a friend who is too scared to go to the dentist?",
            ],
        },
        {
            "type": "activity",
            "value": {
                "title": "A gallery of calm",
                "instructions": (
                    "Flora's headset showed her a gallery of her own memories. "
                    "On your own, draw or describe three rooms for a gallery that would help you "
                    "feel calm: a place, a person and a sound.\n"
                    "In pairs, explain one room to your partner and why it helps."
                ),
                "minutes": 25,
            },
        },
        {
            "type": "glossary",
            "value": [
                {
                    "term": "Dental anxiety",
                    "explanation": "A strong fear of the dentist that can stop people going at all.",
                },
                {
                    "term": "Panic attack",
                    "explanation": (
                        "A sudden rush of fear with a racing heart and fast breathing. "
                        "It is frightening, but it passes."
                    ),
                },
                {
                    "term": "Neural Degeneration Syndrome (NDS)",
                    "explanation": (
                        "The illness in Flora's story that numbs the teeth and jaw; "
                        "treatment can stop it."
                    ),
                },
                {
                    "term": "Virtual reality (VR) headset",
                    "explanation": "Goggles that show a different place all around you.",
                },
            ],
        },
        {
            "type": "signposting",
            "value": [
                {
                    "service": "Your form tutor or school nurse",
                    "how_to_reach": "Ask at the school office",
                    "note": "Any school day",
                },
                {
                    "service": "Childline",
                    "how_to_reach": "Call 0800 1111 or visit https://www.childline.org.uk",
                    "note": "Free and confidential, any time",
                },
            ],
        },
    ],
    "a-teachers-note": [
        {
            "type": "objectives",
            "value": [
                "Understand that everyone, grown-ups too, can feel scared.",
                "Share one thing that helps when you feel scared.",
            ],
        },
        {
            "type": "questions",
            "value": [
                "Do grown-ups get scared? How can you tell?",
                "Does being brave mean you are not scared?",
                "What would you like to know before a visit to the dentist?",
            ],
        },
        {
            "type": "activity",
            "value": {
                "title": "Our class list of things that help",
                "instructions": (
                    "Make a class list of things that help when you are scared, "
                    "like counting your teeth or holding someone's hand. "
                    "Put the list up on the wall."
                ),
                "minutes": 20,
            },
        },
        {
            "type": "glossary",
            "value": [
                {
                    "term": "Check-up",
                    "explanation": "A short visit where the dentist looks at your teeth.",
                },
                {"term": "Nervous", "explanation": "A wobbly, worried feeling inside."},
            ],
        },
        {
            "type": "signposting",
            "value": [
                {
                    "service": "Your teacher",
                    "how_to_reach": "Tell them, or use your class worry box",
                    "note": "",
                },
                {
                    "service": "Childline",
                    "how_to_reach": "Call 0800 1111",
                    "note": "Free, any time",
                },
            ],
        },
    ],
}

STORIES = [
    {
        "slug": "floras-story",
        "title": "Flora’s story: the chair I could not sit in",
        "summary": (
            "Flora was so frightened of the dentist that she fought her own treatment. "
            "A virtual gallery of her memories, and a team who waited, changed that."
        ),
        "storyteller": "HS-0001",
        "published": "2026-10-02",
        "themes": [
            "Dental anxiety",
            "Recovering after trauma",
            "Technology in care",
            "Living with NDS",
        ],
        "age_bands": ["secondary", "adult"],
        "partners": ["Quiet Harbour Therapy Group"],
        "content_notes": (
            "Describes a panic attack and an angry outburst in the dentist’s chair\n"
            "Mentions the death of a parent"
        ),
        "hero": picture(
            "flora-hero",
            "The calming suite at dawn",
            "A headset resting in front of a window, with hills and a rising sun beyond.",
            "vr",
            "dawn",
        ),
        "body": [
            *para(
                "For eleven years I did not open my mouth for a dentist. I would book, and then "
                "cancel. I would book again, drive there, and sit in the car park with my hands "
                "shaking on the steering wheel until the appointment time had come and gone. "
                "Then I would drive home and tell myself I had nearly done it.",
                "When Neural Degeneration Syndrome reached me, it came the way it comes for a "
                "lot of people: a dull ache in my back teeth, and then a strange numbness along "
                "my jaw, so that I bit my cheek without feeling it. I knew exactly what it was, "
                "and I told myself the ache was a fair price for not going in.",
                "I know now that the fear was never really about teeth. My dad was a carpenter, "
                "and he was ill for a long time before he died. The last month was all hospital "
                "corridors, that sharp clean smell, and people in pale uniforms being kind to me "
                "in the voice that means bad news. After he died, any room that smelled like "
                "that took me straight back. Without deciding to, I had packed all of it into "
                "the one place I never let anyone look.",
            ),
            ("pull_quote", {"quote": "My teeth had become where I kept it.", "attribution": ""}),
            *para(
                "In the spring a leaflet for the Healthy Smile Initiative came through the door: "
                "free checks and free NDS treatment. A friend drove me. The first time, I lasted "
                "four minutes in Dr Kessler’s chair. Elara let me go without a word about "
                "rebooking, and somehow that was why I came back.",
                "The third visit was the worst day since the funeral. The light came on over my "
                "face and I could not breathe. I sat up and I shouted. I told Elara she knew "
                "nothing about me, that she only cared about her numbers and the people filming "
                "outside for their feeds. I pushed the tray away and said I was finished. I had "
                "already cancelled the treatment twice. Now I was trying to wreck it.",
                "She did not raise her voice. She switched off the light, moved the tray out of "
                "sight, and sat on the floor beside the chair, lower than me. After a while she "
                "said she knew what it was like when your own body does things you have not "
                "decided. I found out much later what it had cost her to say that.",
                "Dr Gibbens came in that afternoon with two cups of tea. He believes teeth hold "
                "memories, which I thought belonged on a mug. He did not argue. He asked what I "
                "remembered when I smelled the clinic, and I told somebody about the corridor.",
                "Over the next fortnight Elara and Leo built something for me in the calming "
                "suite: a gallery, like a quiet museum, each room holding something I had told "
                "them about. My dad’s workshop with sawdust floating in the light. The hospital "
                "corridor. Our kitchen in the months when I stopped eating properly. At the far "
                "end there was a door, and I could open it or not.",
            ),
            (
                "image",
                {
                    "picture": picture(
                        "flora-gallery",
                        "The last room of Flora’s gallery",
                        "A calm landscape of hills under a low sun, seen through a headset.",
                        "vr",
                        "dusk",
                    ),
                    "caption": (
                        "The last room of the gallery was a hillside. I chose what it looked like."
                    ),
                },
            ),
            *para(
                "I walked through the gallery with the headset on while they worked. I held a "
                "button that paused everything, the pictures and the treatment together, and "
                "nobody ever asked why I had pressed it. Leo sat where I could see his shoes "
                "under the edge of the headset, so I always knew where he was.",
                "The first time, I cried the whole way through, and I stayed. The corridor was "
                "the hardest room. When I finally opened the door at the end, there was the "
                "hillside behind Dad’s workshop where we flew a kite when I was nine, and that "
                "day’s treatment was already finished.",
            ),
            (
                "timeline",
                {
                    "heading": "How it went",
                    "milestones": [
                        {
                            "when": "Week 1",
                            "title": "Four minutes in the chair",
                            "text": "We agreed a stop signal: a raised hand, no questions asked.",
                        },
                        {
                            "when": "Week 3",
                            "title": "The worst appointment",
                            "text": "I lost my temper. They offered me tea, not a lecture.",
                        },
                        {
                            "when": "Week 6",
                            "title": "The first gallery visit",
                            "text": "Leo’s VR rooms. I cried the whole way through, and stayed.",
                        },
                        {
                            "when": "Month 4",
                            "title": "Nanobot repair, both sides",
                            "text": "The numbness went first, then the ache I had lived with.",
                        },
                        {
                            "when": "Month 7",
                            "title": "A check-up I did not cancel",
                            "text": "I drove there, parked, and walked straight in.",
                        },
                    ],
                },
            ),
            *para(
                "The nanobot repair itself was almost an anticlimax. Over four visits they "
                "mended the tired connections along my jaw and rebuilt my worst back teeth. It "
                "felt warm, like a hand on my cheek. The numbness faded first; then one "
                "morning I noticed the ache had gone too.",
            ),
            (
                "image",
                {
                    "picture": FLORA_AT_THE_CLINIC,
                    "caption": "Month seven: the chair by the window, and I am in it.",
                },
            ),
            (
                "what_helped",
                {
                    "heading": "What helped",
                    "text": (
                        "<ul><li>A stop signal that was always respected</li>"
                        "<li>Seeing the room with the lights low before any treatment</li>"
                        "<li>Being told what every sound was before I heard it</li>"
                        "<li>A gallery built from my own memories, at my own speed</li>"
                        "<li>Talking with the Quiet Harbour group between appointments</li></ul>"
                    ),
                },
            ),
            (
                "before_after",
                {
                    "before": picture(
                        "flora-before",
                        "Flora’s molar before treatment",
                        "A drawing of a dull, marked back tooth with a small crack.",
                        "before",
                        "dawn",
                    ),
                    "after": picture(
                        "flora-after",
                        "Flora’s molar after treatment",
                        "A drawing of a bright, healthy back tooth surrounded by small sparkles.",
                        "after",
                        "dawn",
                    ),
                    "caption": (
                        "The team drew these for me; I did not want photographs of my mouth."
                    ),
                },
            ),
            *para(
                "I am telling this because I used to read stories like this one and think the "
                "people in them were braver than me. They were not. They had someone who "
                "waited. If you are sitting in a car park right now, that is still a start.",
            ),
        ],
    },
    {
        "slug": "flora-one-year-on",
        "title": "Flora, one year on",
        "summary": (
            "A year after her treatment, Flora went back to the clinic to help someone else "
            "sit down."
        ),
        "storyteller": "HS-0001",
        "published": "2026-10-20",
        "themes": ["Dental anxiety", "Community and belonging"],
        "age_bands": ["secondary", "adult"],
        "partners": [],
        "content_notes": "",
        "hero": picture(
            "flora-garden",
            "The clinic garden in autumn",
            "A garden with round trees and low hills under a pale sun.",
            "garden",
            "meadow",
        ),
        "body": [
            *para(
                "Last month Elara rang to ask whether I would sit with a new patient in the "
                "waiting room. She was nineteen and had cancelled three times. I said yes before "
                "I could think of a reason not to, and then I spent the whole bus ride there "
                "worrying that I would say the wrong thing.",
                "In the end I did not give her any advice at all. I told her where the toilets "
                "were, which chair in the waiting room looks out on the garden, and that the "
                "kettle in the corner is for patients as well as staff. I told her that she was "
                "allowed to leave, at any point, and that nobody would be cross.",
                "She went in. She came out forty minutes later, sat down heavily next to me and "
                "said, “That was horrible.” Then she laughed, and I laughed, and I recognised "
                "the feeling on her face straight away: the shaky, light-headed pride of having "
                "done the thing you were sure you could not do.",
            ),
            (
                "pull_quote",
                {
                    "quote": "You are allowed to leave. That is why you can stay.",
                    "attribution": "",
                },
            ),
            *para(
                "A year on, I would love to say that I am cured of being frightened. I am not. "
                "I still go every six months and I still raise my hand sometimes, halfway "
                "through, when a sound catches me by surprise. The difference is that I know "
                "now that raising it works. Everything stops. Someone tells me what the sound "
                "was. We start again when I nod.",
                "Leo has taken the gallery he built for me and turned the idea into something "
                "other patients can use: a set of quiet rooms you fill with your own pictures. "
                "He showed me an early version and asked what I would change. I said the "
                "corridor should always have a door at both ends. He said that was going in.",
                "I have started sitting with someone in the waiting room about once a month "
                "now. It has done as much for me as it has for them. There is something about "
                "being the calm person in the room, even for forty minutes, that makes the "
                "calm a little more yours.",
            ),
            (
                "what_helped",
                {
                    "heading": "What I tell people in the waiting room",
                    "text": (
                        "<ul><li>You can leave at any point, and you can come back</li>"
                        "<li>Ask what each sound is before it starts</li>"
                        "<li>Agree a stop signal, and use it</li>"
                        "<li>Getting through the door counts, even if that is all you do</li></ul>"
                    ),
                },
            ),
        ],
    },
    {
        "slug": "smiling-in-photographs",
        "title": "The man who stopped hiding in photographs",
        "summary": (
            "For twenty years Tomasz stood at the back of every group photo. "
            "A broken front tooth and a lot of shame kept him there."
        ),
        "storyteller": "HS-0002",
        "published": "2026-03-11",
        "themes": ["Confidence and self-image", "Technology in care"],
        "age_bands": ["adult"],
        "partners": ["Open Door Wellness Collective"],
        "content_notes": "",
        "hero": picture(
            "tomasz-portrait",
            "Tomasz at his daughter’s graduation",
            "Tomasz, smiling broadly, in a suit at an outdoor graduation.",
            "portrait",
            "sea",
            identifiable=True,
            credit="Family photograph",
        ),
        "body": [
            *para(
                "I broke my front tooth when I was nineteen, on a building site, when a "
                "scaffold pole swung the wrong way. By the time I could afford to have it "
                "fixed, I had learned to smile with my mouth shut, and I thought that was the "
                "end of the matter.",
                "It was not the end of the matter. It was in every wedding album, every work "
                "photograph, every picture of my children where I am a half-face at the back, "
                "or the one holding the camera. I got very good at being the one holding the "
                "camera. At parties I stood side-on. I laughed into my hand. My wife says she "
                "did not see my teeth properly until we had been married for two years.",
                "The free check at the Healthy Smile Initiative was her idea. I went to keep "
                "the peace, and I fully expected a telling-off for leaving it so long. Instead "
                "Leo sat me down in front of a screen and showed me exactly what the repair "
                "would involve: how long, what each step would feel like, and what it would "
                "cost, which was nothing. For the first time in twenty-five years somebody "
                "talked about my tooth as if it were an ordinary thing to fix, not a secret.",
                "The root had been damaged by the knock all those years ago, and NDS had made "
                "the nerve around it tired and patchy. The nanobot work on the root was the "
                "strange part: a warm, fizzy feeling, nothing like a drill, and over in twenty "
                "minutes. The new front tooth was the easy part. Three visits, start to finish.",
                "What surprised me was what came afterwards. I kept catching myself in shop "
                "windows. My face looked different, and it took me weeks to understand that it "
                "was not the tooth. It was that my face was relaxed. I had been holding my top "
                "lip down for a quarter of a century.",
                "A friend told me about the confidence circle at the Open Door Wellness "
                "Collective: a group of men who meet on Tuesday evenings to talk about the "
                "things men do not talk about. I went for the first time expecting to sit at "
                "the back. I talked about the tooth, and then about my father, who never "
                "smiled in a photograph either. Nobody laughed, and three other men nodded.",
            ),
            (
                "pull_quote",
                {
                    "quote": "“Dad, you’re showing your teeth.”",
                    "attribution": "His daughter, at her graduation",
                },
            ),
            *para(
                "At my daughter’s graduation in the summer I stood in the front row of the "
                "family photograph. She noticed before I did. She said, “Dad, you’re showing "
                "your teeth,” and then she cried a little, and then so did I. That is the "
                "photograph at the top of this page. I asked for it to be here.",
            ),
            (
                "what_helped",
                {
                    "heading": "What helped",
                    "text": (
                        "<ul><li>Seeing the whole plan on a screen before anything happened</li>"
                        "<li>Being told the cost at the start, in writing</li>"
                        "<li>My wife booking the first appointment for me</li>"
                        "<li>The Tuesday circle at Open Door, for the part that was not about "
                        "teeth</li></ul>"
                    ),
                },
            ),
        ],
    },
    {
        "slug": "learning-to-floss-at-forty-five",
        "title": "Learning to floss at forty-five",
        "summary": (
            "Tomasz on the unglamorous part: new habits, a sand timer on the bathroom shelf, "
            "a son who always wins, and being kind to yourself."
        ),
        "storyteller": "HS-0002",
        "published": "2026-06-02",
        "themes": ["Confidence and self-image", "Children and families"],
        "age_bands": ["secondary", "adult"],
        "partners": [],
        "content_notes": "",
        "hero": None,
        "body": [
            *para(
                "Nobody tells you that after the big repair comes the small, boring work. I "
                "had a new front tooth and a lot of new feelings about it, and then the "
                "hygienist at Elara’s clinic handed me a sand timer and a list with three "
                "things on it. Not ten things. Three.",
                "Brush for the whole two minutes. Clean between your teeth once a day. Do not "
                "go to bed straight after a fizzy drink. That was the list. She said that if I "
                "managed those three, most of the rest would look after itself, and that if I "
                "forgot for a day or a week, I should simply start again and not waste any "
                "energy feeling bad about it.",
                "I forgot for the whole of the first week. I am forty-five, and I had brushed "
                "my teeth the same quick way since I was a boy. Habits that old do not like "
                "being moved.",
                "Then my son, who is eleven, found the sand timer on the bathroom shelf and "
                "decided it was the funniest thing in the house. He started brushing with me so "
                "that he could watch the sand, and then, because he is eleven, it became a "
                "race. Who could clean between the most teeth before the sand ran out? Who "
                "missed one? He wins. He always wins. He is very pleased about it.",
            ),
            (
                "pull_quote",
                {
                    "quote": "He wins. He always wins. I have not missed a night since March.",
                    "attribution": "",
                },
            ),
            (
                "voice_clip",
                {
                    "clip": {
                        "kind": "voice",
                        "key": "tomasz-sand-timer",
                        "title": "Tomasz on the sand timer",
                        "transcript": "Three things, not ten. Brush for two minutes. If you forget, start again tomorrow.",
                        "content_note": "",
                    },
                    "caption": "Tomasz reads the list on the bathroom shelf.",
                },
            ),
            (
                "video_clip",
                {
                    "clip": {
                        "kind": "video",
                        "key": "tomasz-bathroom-shelf",
                        "title": "The bathroom shelf, one evening",
                        "transcript": "A quiet evening. The sand runs through the timer while a soft tone plays.",
                        "content_note": "A steady tone plays throughout.",
                        "colour": "#5fa8a6",
                        "captions": [
                            (0, 2, "[A soft, steady tone]"),
                            (2, 5, "[The sand runs through the timer]"),
                        ],
                        "poster": picture(
                            "tomasz-shelf-poster",
                            "Poster: the bathroom shelf",
                            "A calm sea-green scene with a pale sun.",
                            "garden",
                            "sea",
                        ),
                    },
                    "caption": "Two minutes is longer than you think.",
                },
            ),
            *para(
                "I have not missed a night since March. That is not willpower; it is an "
                "eleven-year-old waiting in the bathroom doorway with a timer in his hand. I "
                "think that is the lesson, if there is one: find the thing that makes it easy, "
                "not the thing that makes you feel guilty.",
                "At my check-up in May the hygienist looked at my gums for a long time and "
                "then said, “Whatever you are doing, keep doing it.” I told her about the race. "
                "She wrote “son” in my notes, next to the word “motivation”, and underlined it.",
                "My daughter, who is older and far too cool for bathroom races, has started "
                "asking whether she can have a timer too. I have told her she will have to "
                "beat her brother first.",
                "If you have never looked after your teeth properly, nobody at the clinic will "
                "tell you off. They will give you a timer and three things to do.",
            ),
            (
                "what_helped",
                {
                    "heading": "The list on our bathroom shelf",
                    "text": (
                        "<ul><li>Brush for the whole two minutes (the sand timer keeps us "
                        "honest)</li>"
                        "<li>Clean between your teeth once a day</li>"
                        "<li>No fizzy drink last thing at night</li>"
                        "<li>Forgot? Start again tomorrow. No guilt.</li></ul>"
                    ),
                },
            ),
        ],
    },
    {
        "slug": "at-my-own-pace",
        "title": "At my own pace",
        "summary": (
            "After an assault, Wren could not bear anyone near her face. "
            "This is how a dental team learned to ask before every single step."
        ),
        "storyteller": "HS-0003",
        "published": "2026-02-14",
        "themes": ["Recovering after trauma", "Dental anxiety"],
        "age_bands": ["adult"],
        "partners": ["Steady Steps Trauma Support"],
        "content_notes": (
            "Refers to a past assault (no details are given)\n"
            "Describes flashbacks and feeling unsafe"
        ),
        "hero": picture(
            "wren-garden",
            "A quiet path at dusk",
            "Rolling hills and rounded trees under a lilac evening sky.",
            "garden",
            "dusk",
        ),
        "body": [
            *para(
                "I am not going to write about what happened to me. I will write about what "
                "happened afterwards, because that is the part that might be useful to you.",
                "For two years after the assault I could not let anyone near my face. Not a "
                "hairdresser, not a friend brushing crumbs off my cheek, certainly not a "
                "dentist. When a chipped tooth became an infection, I lived on painkillers "
                "and soup for a month rather than be in a room where someone would lean over me.",
                "My counsellor at Steady Steps rang the clinic for me. She asked them one "
                "question, and I was listening on the other line: would they let me be in "
                "charge? Not in charge of the dentistry, obviously, but in charge of when, and "
                "how close, and whether to stop.",
                "They said yes, and then, which is the rarer thing, they meant it. Before I "
                "ever saw a treatment room, Dr Gibbens and I sat in his office with the door "
                "wide open. He laid every instrument out on a tray and told me what each one "
                "was for. He asked which ones I would like to hold. I held all of them. We "
                "agreed that nobody would touch me without first saying what they were about "
                "to do, and then waiting for me to say “yes”. Not a nod. The word.",
                "I also asked for the second person in the room always to be a woman, and for "
                "the chair never to be tipped all the way back. Both of those went into my "
                "notes with a star beside them, and I never had to ask again.",
                "It was slow. Some days I only managed the waiting room, and I went home. Some "
                "days I got as far as the chair and sat in it, upright, with the lights on and "
                "the door open, and that was the whole appointment. Once I had a flashback "
                "halfway through, and the nurse did exactly what we had agreed: stepped back, "
                "said my name and the date and where I was, and waited.",
            ),
            (
                "pull_quote",
                {"quote": "Nobody ever made me feel that was a wasted day.", "attribution": ""},
            ),
            *para(
                "The tooth was fixed in the end, over three short visits, with me saying "
                "“yes” perhaps a hundred times. I have been back for two check-ups since. "
                "They still ask before every step, even though I have told them they do not "
                "have to any more. I think they know that it is the asking that makes it "
                "possible.",
                "I do not want to make this sound like a miracle. I still have bad weeks. But "
                "there is now one more room in the world where I know I am safe, and when you "
                "have lost a lot of rooms, that matters more than I can easily say.",
            ),
            (
                "what_helped",
                {
                    "heading": "What helped",
                    "text": (
                        "<ul><li>Being asked before every step, every time, and waiting for "
                        "the word “yes”</li>"
                        "<li>The door kept open and the chair kept upright</li>"
                        "<li>My counsellor making the first call</li>"
                        "<li>Choosing a woman as the second person in the room</li>"
                        "<li>Appointments that were allowed to end early</li></ul>"
                    ),
                },
            ),
        ],
    },
    {
        "slug": "the-panic-and-the-plan",
        "title": "The panic and the plan",
        "summary": (
            "An anonymous patient on living with panic attacks, and the one-page plan "
            "that let them finish a course of treatment."
        ),
        "storyteller": "HS-0004",
        "published": "2026-04-07",
        "themes": ["Dental anxiety", "Community and belonging"],
        "age_bands": ["secondary", "adult"],
        "partners": [],
        "content_notes": "Describes panic attacks and how they feel",
        "hero": picture(
            "plan-clinic",
            "A treatment room with the blinds open",
            "An empty treatment room with the chair upright and soft light from a window.",
            "clinic",
            "sea",
        ),
        "body": [
            *para(
                "My panic attacks do not care where I am. They have happened in supermarkets "
                "and on trains, at a wedding and at a funeral, and twice in a dentist’s chair "
                "with a mouth full of cotton wool, which is its own particular kind of terror. "
                "My heart races, my hands go cold and tingly, and a voice in my head insists, "
                "with total confidence, that something terrible is about to happen.",
                "I have had them since I was sixteen. I know they pass. I know they cannot hurt "
                "me. Knowing that does not stop them, and for years the thought of having one "
                "with someone’s hands in my mouth kept me away from the dentist altogether.",
                "What changed this time was a piece of paper. Before any treatment, a nurse at "
                "the clinic sat down with me over a cup of tea, with no instruments anywhere in "
                "sight, and we wrote a plan together. What an attack looks like for me, so "
                "they would recognise it early. What I want people to do: sit me up, hand me "
                "water, count slowly with me. And what I do not want, which is being told to "
                "calm down, or being asked questions I cannot answer.",
                "The plan went into my notes, and everybody who treated me read it first. I "
                "could tell, because the dentist quoted it back to me at the start of each "
                "visit: “Sit up, water, counting. Is that still right?” It was always still "
                "right, and hearing it said out loud was half the help.",
                "I had one attack during the whole course of treatment, on the second visit. "
                "The nurse saw it coming before I did. She sat me up, put the water in my hand "
                "and counted with me, slowly, to ten and back, five or six times. Nobody "
                "looked at the clock. Eleven minutes later I said “carry on”, and we did.",
            ),
            (
                "timeline",
                {
                    "heading": "The plan in practice",
                    "milestones": [
                        {
                            "when": "Before",
                            "title": "Writing the plan",
                            "text": "Thirty minutes, a cup of tea, no instruments in sight.",
                        },
                        {
                            "when": "Visit 2",
                            "title": "An attack, handled",
                            "text": "Sit up, water, counting. Back in the chair in eleven minutes.",
                        },
                        {
                            "when": "Visit 3",
                            "title": "Nothing happened",
                            "text": "Which, for me, is the headline.",
                        },
                        {
                            "when": "Visit 5",
                            "title": "Course finished",
                            "text": "I shook the nurse’s hand. She said she would keep the plan.",
                        },
                    ],
                },
            ),
            *para(
                "Between appointments I went to a peer group for people who live with panic. "
                "It meets in a library on Thursday evenings. It was somebody there who first "
                "suggested writing a plan, and who lent me hers to copy from. I have since "
                "shared mine with three other people in the group.",
                "I am telling this anonymously because panic is still something I mostly keep "
                "to myself at work. But I wanted it written down somewhere that a plan worked, "
                "because when I was at my worst I could not imagine that anything would.",
            ),
            (
                "what_helped",
                {
                    "heading": "What was on my plan",
                    "text": (
                        "<ul><li><b>Signs:</b> I go quiet, grip the chair, breathe fast</li>"
                        "<li><b>Please do:</b> sit me up, hand me water, count slowly with me</li>"
                        "<li><b>Please don’t:</b> tell me to calm down or ask me questions</li>"
                        "<li><b>After:</b> give me a minute, then ask if I want to carry on</li>"
                        "</ul>"
                    ),
                },
            ),
        ],
    },
    {
        "slug": "amara-and-the-bravery-stickers",
        "title": "Amara and the bravery stickers",
        "summary": (
            "Seven-year-old Amara tells, with her mum’s help, how a fox in a magic forest "
            "helped her at the dentist, and how she earned a whole sheet of stickers."
        ),
        "storyteller": "HS-0005",
        "published": "2026-05-19",
        "themes": ["Children and families", "Dental anxiety", "Technology in care"],
        "age_bands": ["primary"],
        "partners": [],
        "content_notes": "",
        "hero": picture(
            "amara-smile",
            "A big smiling sun",
            "A cheerful drawing of a smiling face surrounded by little stars.",
            "smile",
            "dawn",
        ),
        "body": [
            *para(
                "<i>Amara told this story to her mum, who helped her write it down. We have "
                "not said which school Amara goes to, to keep her private.</i>",
                "My tooth hurt when I ate ice lollies. It was a wobbly sort of hurt and then a "
                "sharp sort of hurt. Mum said we had to go to the dentist and I said NO, "
                "because my friend said dentists use a drill and it is loud like roadworks.",
                "The dentist is called Elara. She has a badge with a tooth on it that smiles. "
                "She did not look at my teeth straight away. First she let me sit in the big "
                "chair and make it go up and down with a button, four times. Then she let me "
                "count my own teeth with a little mirror. I have twenty-two. Mum has more.",
                "Then Elara showed me the special goggles. She said they were not for seeing "
                "better, they were for going somewhere else. I put them on and I was in a "
                "forest with tall trees and a stream and a fox. The fox had a white tip on its "
                "tail. It walked in front of me and sometimes it looked back to check I was "
                "still there.",
                "While I was in the forest Elara fixed my tooth. It did not hurt. It just "
                "tickled and buzzed a bit, like when you hum with your lips shut. I did not "
                "hear any roadworks. When I took the goggles off it was finished and I was "
                "surprised.",
            ),
            ("pull_quote", {"quote": "The fox helped me be brave.", "attribution": ""}),
            *para(
                "I got a sticker for sitting in the chair, a sticker for opening wide, and a "
                "sticker for the fox. Leo gave me an extra one because I said thank you to the "
                "fox. Now I have a whole sheet.",
                "Now I brush for two whole minutes with a song. The song is about a fox. I made "
                "it up. My little brother brushes with me but he only does one minute because "
                "he is three.",
                "<b>A note from Amara’s mum:</b> I was more nervous than she was, if I am "
                "honest. I had a bad time at the dentist as a child and I did not want to pass "
                "that on. The team spoke to Amara first and to me second, which was exactly "
                "right. If your child is frightened, it is worth asking whether they can just "
                "visit and sit in the chair before any treatment. That first visit made all "
                "the difference.",
            ),
            (
                "what_helped",
                {
                    "heading": "What helped Amara",
                    "text": (
                        "<ul><li>Making the chair go up and down first</li>"
                        "<li>Counting her own teeth with a mirror</li>"
                        "<li>The fox in the forest</li>"
                        "<li>Stickers, lots of stickers</li></ul>"
                    ),
                },
            ),
        ],
    },
    {
        "slug": "jonahs-mountain",
        "title": "Jonah’s mountain",
        "summary": (
            "At fourteen, Jonah found out he had a rare early form of NDS. He climbed a virtual "
            "mountain during every treatment, and wrote about it with his dad."
        ),
        "storyteller": "HS-0006",
        "published": "2026-07-08",
        "themes": ["Living with NDS", "Technology in care", "Children and families"],
        "age_bands": ["secondary"],
        "partners": [],
        "content_notes": "Mentions a numbing injection (a needle)",
        "hero": picture(
            "jonah-vr",
            "A mountain seen through a headset",
            "A virtual reality headset in front of a range of green-blue hills under a pale sky.",
            "vr",
            "sea",
        ),
        "body": [
            *para(
                "<i>Jonah wrote this with his dad’s help. He asked us not to say which school "
                "he goes to.</i>",
                "When I was diagnosed with NDS, the doctor said it was rare at my age. Most "
                "people who get Neural Degeneration Syndrome are a lot older. My teeth were "
                "getting weak at the back, and sometimes one side of my jaw would just stop "
                "feeling things, which is scarier than it sounds. Once I bit my tongue at "
                "lunch and did not notice until my friend pointed at my mouth.",
                "The worst part at the start was not the teeth. It was feeling like my body "
                "was doing something without asking me. I did not tell anyone at school for "
                "ages. I just stopped eating in the canteen.",
                "My treatment at Dr Kessler’s clinic needed eight visits. On the first one, "
                "Leo, who runs the VR suite, asked me what I liked doing. I said climbing, "
                "even though I had never climbed anything real, only watched videos. He "
                "thought about it for a minute and then said, “Right. I’ll build you a "
                "mountain.”",
                "He did. Every visit, while Dr Kessler and the nanobots worked on the nerves "
                "in my jaw, I climbed a bit higher. The first visit was base camp, with a tent "
                "and a kettle. By the fourth I was above the clouds. Leo added things each "
                "time. There was a goat on one rock that followed me for a while. There were "
                "prayer flags, which Dad had told Leo about because my grandad had them.",
                "Halfway through, I needed a numbing injection for one part of the treatment. "
                "That was the bit I was dreading. Leo timed it so that it happened while I was "
                "edging along a narrow ledge, so I was concentrating on my feet. It was over in a "
                "few seconds. I do not actually remember it very well, which I think was the "
                "point.",
                "On the last visit I reached the summit and there was a flag with my name on "
                "it. I took a screenshot. It is my lock screen.",
            ),
            (
                "timeline",
                {
                    "heading": "Eight visits, one mountain",
                    "milestones": [
                        {
                            "when": "Visit 1",
                            "title": "Base camp",
                            "text": "Mostly talking, a tour of the clinic and a cup of tea.",
                        },
                        {
                            "when": "Visit 3",
                            "title": "Above the trees",
                            "text": "The goat appeared. The numb patch started shrinking.",
                        },
                        {
                            "when": "Visit 4",
                            "title": "The narrow ledge",
                            "text": "The numbing injection. Over in seconds.",
                        },
                        {
                            "when": "Visit 8",
                            "title": "The summit",
                            "text": "A flag with my name on it.",
                        },
                    ],
                },
            ),
            *para(
                "I still have NDS. It does not just go away. But my teeth are strong again, "
                "the numb bits have mostly gone, and I have a check-up every three months so "
                "that if anything changes they catch it early. I eat in the canteen again.",
                "The best thing that came out of it is that I have started climbing at an "
                "actual climbing wall, on Saturday mornings with Dad. It is a lot harder than "
                "the VR one. There is no goat.",
                "If you have just found out you have NDS and you are young, I would say: tell "
                "one person. I told my form tutor in the end and she was really good about it. "
                "You do not have to tell everyone. Just one person is enough to start.",
            ),
            (
                "what_helped",
                {
                    "heading": "What helped Jonah",
                    "text": (
                        "<ul><li>Being asked what he liked, not just what hurt</li>"
                        "<li>A mountain that grew a little every visit</li>"
                        "<li>Dad in the room, reading a book in the corner</li>"
                        "<li>Telling one teacher</li></ul>"
                    ),
                },
            ),
        ],
    },
    {
        "slug": "eighty-one-and-unafraid",
        "title": "Eighty-one and finally unafraid",
        "summary": (
            "Margaret Ellis had her first calm dental appointment at eighty-one, seventy years "
            "after the school dentist’s van frightened her away."
        ),
        "storyteller": "HS-0007",
        "published": "2026-01-22",
        "themes": ["Dental anxiety", "Community and belonging"],
        "age_bands": ["adult"],
        "partners": ["Riverside Wellbeing Hub"],
        "content_notes": "Describes a frightening childhood memory of the dentist",
        "hero": picture(
            "margaret-classroom",
            "An old-fashioned classroom",
            "A drawing of a classroom with rows of desks, a bookshelf and a blackboard.",
            "classroom",
            "sand",
        ),
        "body": [
            *para(
                "When I was a girl, the dentist came to our school once a year in a van. We "
                "queued along the corridor in alphabetical order, and because my name began "
                "with E, I was near the front. We could hear everything through the van’s thin "
                "walls. Nobody explained anything. You went up the steps, you sat down, and a "
                "man you had never met got on with it.",
                "I have been frightened of dentists ever since, and for most of my life I "
                "simply put up with it. I went when I absolutely had to, gripping the arms of "
                "the chair, and I did not go at all for the nine years after my husband died. "
                "There did not seem much point, and there was nobody to nag me.",
                "My friends at the Riverside Wellbeing Hub, where I go for the chair yoga on "
                "Wednesdays and the lunch club on Fridays, told me about the Saturday clinic. "
                "The Hub had arranged for the clinic to run free checks in its community room "
                "one Saturday a month. I went along to keep a friend company, because "
                "she was nervous, and I ended up being seen myself.",
                "The young man on the front desk, Leo, explained everything twice, slowly, "
                "without once making me feel old or stupid. He told me what each step would "
                "be before it happened. When I said I had been frightened of dentists since "
                "the van, he did not laugh or tell me things were different now. He said, "
                "“That sounds awful. Let’s make sure this is nothing like that.”",
                "Dr Kessler asked whether I would like to hold her hand mirror and watch. I "
                "said yes, to my own surprise. It is much less frightening when you can see "
                "what is going on. It turns out that most of a check-up is somebody counting.",
                "I had two old fillings replaced over the next month, and my dentures "
                "adjusted so that they no longer rub. I did not grip the arms of the chair "
                "once. Afterwards I went to the café across the road and had a slice of "
                "carrot cake, which I had not been able to eat comfortably for years.",
            ),
            (
                "pull_quote",
                {
                    "quote": "It is never too late to stop being frightened of something.",
                    "attribution": "",
                },
            ),
            *para(
                "My friend, I should say, had two teeth out and did not make a sound. She has "
                "not stopped telling people.",
                "I am eighty-one and I can tell you from experience: it is never too late to "
                "stop being frightened of something. I only wish someone had explained "
                "things to that little girl in the corridor.",
            ),
        ],
    },
    {
        "slug": "words-without-pictures",
        "title": "Words without pictures",
        "summary": (
            "Sol wanted his story told but his face kept private. Here is how a slow repair "
            "gave him back his voice at work."
        ),
        "storyteller": "HS-0008",
        "published": "2026-08-14",
        "themes": ["Confidence and self-image", "Living with NDS"],
        "age_bands": ["adult"],
        "partners": [],
        "content_notes": "",
        # Sol's consent covers words only: the loader shows the guard refusing this photo.
        "hero": picture(
            "sol-portrait",
            "Sol in the clinic garden",
            "Sol standing in the clinic garden, looking towards the camera.",
            "portrait",
            "meadow",
            identifiable=True,
            credit="Leo Trine",
        ),
        "body": [
            *para(
                "I teach adults to read. Most of my students are people who were let down "
                "somewhere along the way, by a school or a family or just bad luck, and who "
                "have found the nerve, at thirty or fifty or seventy, to walk into a classroom "
                "and admit that they would like to learn. I think it is the bravest thing I "
                "see anyone do.",
                "For two years NDS made my speech slur in the afternoons. It started as a "
                "tiredness in my jaw after lunch and became, by the end, a thickness in my "
                "words that I could hear and could not stop. My morning classes were fine. By "
                "the four o’clock class I sounded, I was sure, as if I had been drinking.",
                "I started cancelling the later classes. I told myself it was because I was "
                "tired. It was because I could not bear my students, who had trusted me with "
                "the hardest thing in their lives, hearing me struggle to say a sentence.",
                "A colleague noticed before I admitted it. She found a leaflet for the Healthy "
                "Smile Initiative and left it on my desk without a word, which is how you "
                "treat a proud man.",
                "The repair took a whole winter. The nanobots rebuild the worn connections a "
                "little at a time, visit by visit. You feel nothing while it happens, only a "
                "faint warmth, and for weeks I was sure it was not working. Then one Thursday "
                "in February I taught the four o’clock class and walked out into the dark "
                "and realised that I had talked for an hour and my mouth was still mine.",
            ),
            (
                "pull_quote",
                {
                    "quote": "I had talked for an hour and my mouth was still mine.",
                    "attribution": "",
                },
            ),
            *para(
                "Dr Gibbens told me at the start that the hardest part would not be the "
                "treatment but trusting that it was happening. He was right. He also said "
                "that people with my kind of NDS often carry it in their shoulders and their "
                "pride as much as their jaw. I laughed at that. I do not laugh at it now.",
                "I agreed to share this story, but not my face. My students know me, and my "
                "colleagues, and that is enough. I do not want to be the man from the dental "
                "leaflet in the staff room. But if these words reach one person who is "
                "cancelling things they love because they are ashamed of how they sound, they "
                "have done their job. Go. It is worth the winter.",
            ),
        ],
    },
    {
        "slug": "a-check-up-between-shifts",
        "title": "A check-up between shifts",
        "summary": (
            "Priya, a night-shift nurse, on fitting dental care into a life that runs "
            "the wrong way round."
        ),
        "storyteller": "HS-0009",
        "published": "2026-09-01",
        "themes": ["Community and belonging", "Living with NDS"],
        "age_bands": ["adult"],
        "partners": [],
        "content_notes": "",
        "hero": None,
        "body": [
            *para(
                "I work nights on a busy ward. My day starts at seven in the evening and ends "
                "at eight in the morning, and everything that the rest of the world does "
                "between nine and five is something I have to give up sleep for. For years "
                "my teeth were the last thing on a list that never got finished.",
                "I knew I should go. I am a nurse; I tell other people to look after "
                "themselves all night long. But every time I booked an appointment it was in "
                "the middle of my sleep, and every time I cancelled it I told myself I would "
                "sort it out on my next week off. My next week off never had any spare days "
                "in it.",
                "Then a sore spot on my lower gum would not go away, and one side of my lip "
                "started to feel faintly numb at the end of a long shift. I knew enough to "
                "be worried about NDS, and not enough to stop worrying.",
                "The Healthy Smile Initiative ran early-morning slots for shift workers, "
                "starting at half past seven. Somebody on my ward had pinned the leaflet to "
                "our staff noticeboard. I went straight from handover, still in my uniform, "
                "with my hair falling out of its clip.",
                "Nobody minded that I was in uniform and half asleep. The receptionist had a "
                "pot of coffee on and asked if I wanted one, then remembered I was about to go "
                "to bed and offered me water instead. The dentist explained what she was "
                "looking for in plain words, without any of the jargon I would have used on a "
                "patient myself.",
                "They found two small cavities and the very first signs of NDS along one nerve: "
                "early enough, she said, that a short course of treatment would stop it in its "
                "tracks. They fixed the cavities that same morning and booked the NDS visits "
                "for the same early slot, a week apart. I was home and in bed by ten.",
            ),
            (
                "pull_quote",
                {
                    "quote": "Care that fits around you is the kind you actually get.",
                    "attribution": "",
                },
            ),
            *para(
                "What stays with me is how small the change was that made it possible. Not a "
                "new treatment or a new machine. Just somebody deciding to open the doors at "
                "half past seven for the people who keep the city running at night.",
                "I have sent four colleagues since. One of them had not seen a dentist in "
                "twelve years. She went in her uniform too.",
            ),
        ],
    },
    {
        "slug": "what-the-nanobots-felt-like",
        "title": "What the nanobots felt like",
        "summary": (
            "Dev Malik, an engineer, asked a hundred questions about nanobot repair. "
            "Here are the answers, and what it was actually like."
        ),
        "storyteller": "HS-0010",
        "published": "2026-04-28",
        "themes": ["Technology in care", "Living with NDS"],
        "age_bands": ["secondary", "adult"],
        "partners": ["Northgate Academy"],
        "content_notes": "",
        "hero": picture(
            "dev-clinic",
            "The treatment room, ready",
            "A bright treatment room with the chair, a lamp, a plant and a window on the hills.",
            "clinic",
            "dusk",
        ),
        "body": [
            *para(
                "I am the kind of patient who asks how the machine works. Leo Trine, it turns "
                "out, is the kind of technician who is delighted to be asked. We spent most of "
                "my first appointment at a whiteboard, and I left with a photo of it on my "
                "phone and a great deal less fear than I arrived with.",
                "I had NDS in the nerves around two lower teeth: a patchy numbness, a dull "
                "ache when I was tired, and a sensitivity to cold that made ice cream a "
                "gamble. I am an engineer. I do not like things I cannot see, and I had read "
                "far too much online.",
                "So here, in plain words, is what I learned. I have checked it with Leo, who "
                "corrected me twice.",
                "<b>What are they?</b> Tiny machines, far too small to see, carried in a gel "
                "that is painted onto the tooth. They are not robots in the film sense. Think "
                "of them more as very small, very patient builders who follow a plan.",
                "<b>What do they do?</b> NDS wears away the fine connections between the "
                "nerves around a tooth, like a frayed cable. The nanobots are guided to the "
                "frayed parts and lay down new connections, a little at a time. Afterwards "
                "they break down and your body clears them away, like it would a splinter.",
                "<b>Why several visits?</b> Because they work slowly on purpose. Your nerves "
                "need time to get used to each new connection. Rushing it is what causes the "
                "strange sensations people worry about.",
                "<b>What does it feel like?</b> You cannot feel them move. What you feel is "
                "warmth, and sometimes a fizzing, like a foot waking up after you have sat on "
                "it. On my third visit the fizzing made me laugh, which I am told is common.",
            ),
            (
                "before_after",
                {
                    "before": picture(
                        "dev-before",
                        "Dev’s tooth before treatment",
                        "A drawing of a dull, marked tooth on a grey background.",
                        "before",
                        "dusk",
                    ),
                    "after": picture(
                        "dev-after",
                        "Dev’s tooth after treatment",
                        "A drawing of a bright, healthy tooth with sparkles around it.",
                        "after",
                        "dusk",
                    ),
                    "caption": (
                        "Drawings the clinic makes for patients who want to see the change."
                    ),
                },
            ),
            *para(
                "What I did not expect was how much it mattered that someone took my "
                "questions seriously. Being curious is how I cope. Some people want the VR "
                "suite and a beach. I wanted the whiteboard. The clinic let me cope my way, "
                "and never once made me feel I was being difficult.",
                "Afterwards, Leo and I ran a session together for sixth formers at Northgate "
                "Academy, one of the schools the campaign works with. We did the whiteboard "
                "again, bigger. The questions were better than mine. One student asked what "
                "happens if a nanobot gets lost. (It breaks down, like the others, just "
                "somewhere less useful.)",
            ),
            (
                "what_helped",
                {
                    "heading": "Questions worth asking before nanobot treatment",
                    "text": (
                        "<ul><li>How many visits, and why that many?</li>"
                        "<li>What will I feel, and what would be unusual?</li>"
                        "<li>What happens to the nanobots afterwards?</li>"
                        "<li>Can I see a drawing of what you are going to do?</li></ul>"
                    ),
                },
            ),
        ],
    },
    {
        "slug": "ruths-saturday-clinic",
        "title": "Ruth’s Saturday clinic",
        "summary": (
            "Ruth started by handing out leaflets for the free checks. Two years later she "
            "runs the Saturday welcome desk and knows every nervous face."
        ),
        "storyteller": "HS-0011",
        "published": "2026-02-27",
        "themes": ["Community and belonging", "Children and families"],
        "age_bands": ["primary", "secondary", "adult"],
        "partners": ["Open Door Wellness Collective", "Harbour Lane Primary School"],
        "content_notes": "",
        "hero": picture(
            "ruth-garden",
            "Spring at the community garden",
            "A community garden in spring with young trees, low hills and a bright sun.",
            "garden",
            "meadow",
        ),
        "body": [
            *para(
                "I came for a free check-up with my grandson and left with a box of leaflets. "
                "The clinic needed people who knew the neighbourhood, and I have lived on "
                "these streets for thirty years. I know which shops have noticeboards, which "
                "cafés the young mums use, and which bus stop everyone waits at on a Monday.",
                "So I handed out leaflets. In the market, outside the school gates, at the "
                "Open Door Wellness Collective’s coffee mornings, where they let me set up a "
                "little table beside the biscuits. I must have given out two thousand that "
                "first summer. My feet have never been the same.",
                "Now I run the Saturday welcome desk. The clinic opens its doors once a week "
                "for anyone who wants a free check, no appointment needed, and I am the first "
                "face people see. My job, as I understand it, is to notice things.",
                "I notice who is nervous, because they stand just inside the door and read "
                "the same poster three times. I notice who has brought three children and "
                "needs a hand, and who is on their own and would rather be left alone. I "
                "notice who does not speak much English and needs the interpreter before "
                "anything else, and who is pretending to be fine.",
            ),
            ("pull_quote", {"quote": "My job is to notice who is nervous.", "attribution": ""}),
            *para(
                "For the children, we started a brushing club with Harbour Lane Primary "
                "School. Once a month a class comes down on a Saturday morning with their "
                "families. Leo sets up the VR headsets with a forest in them, the children "
                "learn to brush properly with giant model teeth, and everybody goes home with "
                "a toothbrush and a sticker. The grown-ups often end up having a check too, "
                "which is the secret aim.",
                "The best Saturday so far was when a family I had handed a leaflet to in the "
                "market came in, all five of them, and the youngest marched straight up to my "
                "desk and asked where the fox was. Somebody in her class had told everyone "
                "about the fox. I took her to see Leo, and he found it for her.",
                "People ask me why I give up my Saturdays. The honest answer is that I get "
                "more out of them than anyone. I lost my husband four years ago, and the "
                "house is very quiet. On Saturdays it is not quiet at all.",
            ),
            (
                "what_helped",
                {
                    "heading": "What makes a Saturday clinic work",
                    "text": (
                        "<ul><li>No appointment needed, ever</li>"
                        "<li>A friendly face at the door who lives nearby</li>"
                        "<li>An interpreter on hand</li>"
                        "<li>Something for the children to do while the grown-ups wait</li></ul>"
                    ),
                },
            ),
        ],
    },
    {
        "slug": "a-teachers-note",
        "title": "A teacher’s note: using these stories in class",
        "summary": (
            "A primary school teacher, herself a nervous patient, on reading these stories "
            "with her class, and what the children asked."
        ),
        "storyteller": "HS-0012",
        # Written for teachers: only signed-in members of schools read it.
        "audiences": ["schools"],
        "published": "2026-06-25",
        "themes": ["Children and families", "Dental anxiety"],
        "age_bands": ["primary", "adult"],
        "partners": [],
        "content_notes": "",
        "hero": picture(
            "teacher-classroom",
            "A classroom ready for the day",
            "A drawing of a bright classroom with desks, a bookshelf and a board.",
            "classroom",
            "sea",
        ),
        "body": [
            *para(
                "I should start with a confession, which is why I am writing this "
                "anonymously: I am a nervous dental patient myself. I was treated at "
                "Dr Kessler’s clinic last year, with a great deal of patience on their part "
                "and a great deal of hand-gripping on mine. My class does not know that, and "
                "I would rather they did not.",
                "When the campaign offered classroom packs to schools, I signed up partly for "
                "my pupils and partly, I suspect, for me. We read one of the children’s "
                "stories in a Year 3 health lesson. I expected questions about teeth. I got "
                "questions about being scared.",
                "What do you do when you are scared? Do grown-ups get scared? Is it allowed? "
                "Does being brave mean you are not scared, or that you are scared and do it "
                "anyway? I had planned a lesson about brushing. We spent the whole hour on "
                "feelings, and it was one of the best hours of my year.",
                "Three children said they were frightened of the dentist. One said, very "
                "quietly, that her mum was too. Nobody laughed. A boy who rarely speaks in "
                "class said his grandma counts things when she is nervous, and that it helps "
                "her. We made a class list of things that help when you are scared, and "
                "“counting your teeth” went straight to the top, followed closely by "
                "“holding someone’s hand” and “asking what the noise is”.",
            ),
            (
                "pull_quote",
                {
                    "quote": "I planned a lesson about brushing. We spent the hour on feelings.",
                    "attribution": "",
                },
            ),
            *para(
                "A few weeks later, one of my pupils came in on a Monday and announced that "
                "she had been to the dentist on Saturday and counted her teeth the whole "
                "time. She had twenty. She wanted everyone to know.",
                "If you are a teacher thinking of using these stories, here is what I "
                "learned. Read the story yourself first, all of it, including the content "
                "notes. Choose stories marked for your pupils’ age. Let children stop "
                "whenever they like, and give them a way to say so without explaining. "
                "Leave far more time for questions than you think you need: they are the "
                "best part.",
                "And if, like me, you are a little frightened of the dentist yourself, you "
                "might find that the children’s list works for grown-ups too. I counted my "
                "teeth at my last check-up. I have thirty.",
            ),
            (
                "what_helped",
                {
                    "heading": "Tips for the classroom",
                    "text": (
                        "<ul><li>Read the story and its content notes yourself first</li>"
                        "<li>Ask “what helped?” rather than “were they brave?”</li>"
                        "<li>Let children talk about their own fears only if they want to</li>"
                        "<li>Agree a signal for “I would like to stop”</li>"
                        "<li>Leave plenty of time for questions</li></ul>"
                    ),
                },
            ),
        ],
    },
    {
        "slug": "the-walking-group",
        "title": "The walking group that walked me to the dentist",
        "summary": (
            "After his wife died, Marlow stopped looking after himself. A Tuesday walking "
            "group, and one stubborn friend in it, brought him back to the clinic."
        ),
        "storyteller": "HS-0013",
        # Shared with therapy groups and wellness organisations only.
        "audiences": ["partners"],
        "published": "2026-03-30",
        "themes": ["Recovering after trauma", "Community and belonging"],
        "age_bands": ["adult"],
        "partners": [],
        "content_notes": (
            "Mentions the death of a partner\nMentions not eating or sleeping well while grieving"
        ),
        "hero": picture(
            "marlow-garden",
            "Hills on a walking morning",
            "Sandy hills with a few round trees under a pale morning sun.",
            "garden",
            "sand",
        ),
        "body": [
            *para(
                "My wife died three years ago, after a short illness that did not feel "
                "short at the time. We had been married for thirty-four years. I will not say "
                "much about that year except that I stopped doing most of the things a person "
                "does to keep himself going. I ate toast. I slept in the armchair. I did not "
                "open letters.",
                "One of the letters I did not open was a reminder from my dentist. Then "
                "another. By the time I noticed my teeth again, I had an ache on one side that "
                "made eating anything but toast difficult, which suited the toast.",
                "The walking group was my daughter’s idea. It meets on Tuesday mornings by the "
                "old bandstand, walks for an hour at the pace of the slowest person, and then "
                "has tea. Several of us have lost someone. Nobody has to talk about it, and "
                "most weeks nobody does. We talk about the weather and the ducks and whose "
                "knees are worst.",
                "A retired postman who walks beside me most weeks (he would hate to be named "
                "here) noticed I was chewing on one side at the café. He said nothing for a "
                "fortnight. Then one Tuesday he "
                "said, “You’re going to the dentist. I’m coming with you.” I said I did not "
                "need a chaperone. He said it was not up for discussion, and he was right.",
            ),
            (
                "pull_quote",
                {"quote": "He said it was not up for discussion.", "attribution": ""},
            ),
            *para(
                "The clinic was running free checks for the Healthy Smile Initiative. My "
                "friend sat in the waiting room reading a magazine about caravans. Dr Gibbens "
                "saw me, and when he asked, gently, whether anything had changed in my life "
                "recently, I found myself telling him about my wife. He put down his instruments "
                "and listened. Then he said something I have thought about often since: that "
                "grief lives in the body, and that teeth are one of the places it shows up "
                "first, because they are one of the first things we stop looking after.",
                "The ache turned out to be a cracked filling and an infection underneath. It "
                "took two visits to sort out. Nothing dramatic. But I walked out of the second "
                "appointment and, for the first time in a long time, I was hungry for "
                "something that was not toast. We had fish and chips on a bench.",
                "I go to the walking group every week now, and I have started taking the new "
                "people for tea afterwards, the way he took me. I do not tell them to go to "
                "the dentist. I just notice if they are chewing on one side.",
            ),
            (
                "what_helped",
                {
                    "heading": "What helped",
                    "text": (
                        "<ul><li>A group that walked at the pace of the slowest person</li>"
                        "<li>A friend who did not take no for an answer</li>"
                        "<li>A dentist who asked how I was, and meant it</li>"
                        "<li>Fish and chips afterwards</li></ul>"
                    ),
                },
            ),
        ],
    },
    {
        "slug": "turning-the-volume-down",
        "title": "Turning the volume down",
        "summary": (
            "Yara Haddad is autistic, and for her the dentist was too loud, too bright and "
            "too close. She designed her own calming room, and it changed everything."
        ),
        "storyteller": "HS-0014",
        "published": "2026-09-15",
        "themes": ["Technology in care", "Dental anxiety", "Confidence and self-image"],
        "age_bands": ["secondary", "adult"],
        "partners": [],
        "content_notes": "Describes sensory overload and feeling overwhelmed",
        "hero": picture(
            "yara-vr",
            "A quiet room in the calming suite",
            "A headset resting in front of soft pink hills under a warm sun.",
            "vr",
            "blossom",
        ),
        "body": [
            *para(
                "I am autistic, and for me a dental appointment has never really been about "
                "pain. It is about everything else. The light is too bright and too close. "
                "The suction is loud in a way that seems to happen inside my skull. People "
                "touch my face without warning, the chair tips me backwards, and the room "
                "smells of three different things at once. By the time anyone has looked at "
                "a tooth, I am already overwhelmed.",
                "For most of my twenties I managed by not going. When I did go, I came home "
                "and lay in a dark room for the rest of the day.",
                "I had heard about the calming suite at Dr Kessler’s clinic and, honestly, "
                "I was wary. A lot of people assume that what autistic people need is more "
                "stimulation, not less: bright colours, music, something to distract us. The "
                "thought of a headset full of waterfalls and birdsong made me want to leave.",
                "Leo asked me what I wanted the room to be like, and then he actually wrote "
                "it down. I said: fewer things. No music. No animals. Nothing moving suddenly. "
                "A horizon I could rest my eyes on. A colour I chose. He built a room that was "
                "almost empty: soft pink hills, one warm sun, no sound at all except a low "
                "hum I could turn up or down with a dial in my hand.",
            ),
            (
                "pull_quote",
                {
                    "quote": "The most calming thing anyone has built for me was nearly empty.",
                    "attribution": "",
                },
            ),
            *para(
                "The headset did something I had not expected: it gave me a wall between me "
                "and the room. I could not see the light. The hum covered the suction. The "
                "team agreed to tell me before every touch, in the same short words each "
                "time, and to keep the chair more upright than usual.",
                "We also changed small things that made a huge difference. My appointments "
                "are the first of the day, when the clinic is quietest. I wait in a side room "
                "instead of the waiting room. The nurse wears no perfume on my days. None of "
                "it cost the clinic anything except the trouble of asking.",
                "I had a filling and a course of treatment for early NDS, five visits in "
                "all. I went home after each one and did not need the dark room. That had "
                "never happened before.",
                "I am sharing my full name because I want other autistic people to see that "
                "somebody like them did this. It was not about being brave or pushing through. "
                "It was about a room that was built to fit me, instead of me having to fit "
                "the room.",
            ),
            (
                "timeline",
                {
                    "heading": "Five quiet visits",
                    "milestones": [
                        {
                            "when": "Before",
                            "title": "Designing the room",
                            "text": "Fewer things. No music. A colour I chose.",
                        },
                        {
                            "when": "Visit 1",
                            "title": "First of the day",
                            "text": "Side room, headset, dial in my hand.",
                        },
                        {
                            "when": "Visit 5",
                            "title": "Home without the dark room",
                            "text": "For the first time after a dental visit.",
                        },
                    ],
                },
            ),
            (
                "what_helped",
                {
                    "heading": "What helped",
                    "text": (
                        "<ul><li>Being asked what I wanted, and it being written down</li>"
                        "<li>A VR room with fewer things in it, not more</li>"
                        "<li>Control of the sound in my own hand</li>"
                        "<li>The first appointment of the day, and a side room to wait in</li>"
                        "<li>The same short words before every touch</li></ul>"
                    ),
                },
            ),
        ],
    },
]

STANDARD_PAGES = [
    {
        "slug": "about",
        "title": "About the campaign",
        "introduction": (
            "Histories & Smiles collects the stories of patients of Dr Elara Kessler’s clinic "
            "and shares them, with their consent, with the public, schools and partner "
            "organisations."
        ),
        "show_in_menus": True,
        "body": [
            (
                "paragraph",
                "<h2>Where it began</h2>"
                "<p>When Neural Degeneration Syndrome cases rose across the city, Dr Elara "
                "Kessler’s clinic began the Healthy Smile Initiative: free dental checks and "
                "free NDS treatment for anyone who needed them. With her mentor Dr Alaric "
                "Gibbens and her apprentice Leo Trine, she also opened a calming suite, where "
                "patients can spend their treatment somewhere peaceful in virtual reality.</p>"
                "<p>The team soon found that many of their patients carried more than "
                "toothache: fear, grief, old harm, shame. As patients got better, many of them "
                "wanted to tell others what had helped. Histories &amp; Smiles is where they "
                "do.</p>",
            ),
            (
                "paragraph",
                "<h2>Why stories</h2>"
                "<p>Fear keeps people away from care they need. Hearing how someone else got "
                "through it is often the first thing that helps. Every story here is told by "
                "the person it happened to, in their own words, and only for as long as they "
                "want it told.</p>",
            ),
            ("story", "floras-story"),
            (
                "paragraph",
                "<h2>For schools</h2>"
                "<p>Teachers at registered schools can read stories prepared for the "
                "classroom, with age bands, content notes and ideas for discussion. Children’s "
                "stories are told with a parent’s or guardian’s help and consent. Ask us to "
                "register your school. Signed-in teachers can start with "
                '<a linktype="page" id="{story:a-teachers-note}">a teacher’s note</a> '
                "about using these stories in class.</p>",
            ),
            ("story", "a-teachers-note"),  # shown to signed-in schools only
            (
                "paragraph",
                "<h2>For partner organisations</h2>"
                "<p>Therapy groups and wellness organisations can share stories with the "
                "people they support, where the storyteller has agreed. We record which "
                "stories each partner uses, so that we can tell you at once if a storyteller "
                "withdraws theirs.</p>",
            ),
            ("story", "the-walking-group"),  # shown to signed-in partners only
        ],
    },
    {
        "slug": "privacy",
        "title": "How we protect storytellers’ privacy",
        "introduction": (
            "A story belongs to the person who tells it. These are our promises to them, "
            "and to you."
        ),
        "show_in_menus": True,
        "body": [
            (
                "paragraph",
                "<h2>Consent first</h2>"
                "<p>We publish a story only while its storyteller’s consent covers who may "
                "read it, the name it uses, and any photograph, voice recording or video in "
                "it. Consent is written down, dated and kept. It lasts for a fixed time, at "
                "most three years, and then must be renewed or the story comes down.</p>",
            ),
            (
                "paragraph",
                "<h2>Names</h2>"
                "<p>Storytellers choose how they are named: in full, by first name, by a "
                "name they make up, or not at all. Their real identity and contact details "
                "are known only to our consent officers and never appear on this site.</p>"
                "<h2>Photographs</h2>"
                "<p>We show a photograph of a person only if they agreed to photographs. "
                "Many storytellers choose words only, and their stories are illustrated with "
                "drawings. We remove location and camera details from every picture we "
                "store.</p>",
            ),
            (
                "paragraph",
                "<h2>Taking a story back</h2>"
                "<p>Anyone can withdraw their story at any time, without giving a reason. "
                "It comes down from this site at once, from search and from our feeds, and we "
                "tell every organisation that received it to remove it too. Storytellers can "
                "also ask us to delete everything we hold about them.</p>"
                "<h2>Contact</h2>"
                "<p>To change or withdraw consent, or to ask what we hold about you, write to "
                "the consent team at the clinic or ask at reception, and tell us which story "
                "is yours. You do not need to remember your reference number.</p>",
            ),
        ],
    },
    {
        "slug": "safeguarding",
        "title": "Safeguarding",
        "introduction": (
            "Some of our storytellers are children, and some stories touch on fear, loss "
            "and trauma. This is how we look after storytellers and readers."
        ),
        "show_in_menus": False,
        "body": [
            (
                "paragraph",
                "<h2>Children’s stories</h2>"
                "<p>A child’s story is published only with the written consent of a parent "
                "or guardian, and the child is told the story with them. We never say which "
                "school a child attends, and we do not show photographs of children. A "
                "guardian’s consent ends on the child’s 18th birthday, unless they renew it "
                "themselves.</p>",
            ),
            (
                "paragraph",
                "<h2>Content notes</h2>"
                "<p>Stories that mention panic, loss, trauma, needles or other things a reader "
                "might find difficult carry a short note before the story begins, so that "
                "readers can decide whether to read on. Stories are marked with the age bands "
                "they suit, and teachers are asked to read a story before sharing it.</p>",
            ),
            (
                "paragraph",
                "<h2>If a story upsets you</h2>"
                "<p>Stop reading, and talk to someone you trust. If you are a pupil, talk to "
                "a teacher or another adult at school. You can also speak to your doctor, or "
                "call a local or national support line; many are free and open day and "
                "night.</p>"
                "<h2>If you are worried about someone</h2>"
                "<p>If you are worried about a child, contact your local council’s children’s "
                "safeguarding team. If someone is in immediate danger, call the emergency "
                "services. To raise a concern about a story on this site, contact the "
                "campaign’s safeguarding lead at the clinic, who will reply within one working "
                "day.</p>",
            ),
        ],
    },
]

HOME = {
    "title": "Histories & Smiles",
    "introduction": (
        "<p>Patients of Dr Elara Kessler’s clinic tell, in their own words, how care "
        "changed their lives: fear of the dentist, recovery after trauma, living with Neural "
        "Degeneration Syndrome, and the people who waited for them.</p>"
    ),
    "schools_heading": "For schools",
    "schools_text": (
        "Stories prepared for the classroom, with age bands, content notes and questions "
        "for discussion, for teachers and pupils of registered schools."
    ),
    "partners_heading": "For therapy groups and wellness organisations",
    "partners_text": (
        "Share stories with the people you support, where storytellers have agreed, and hear "
        "from us at once if a story is withdrawn."
    ),
    "featured": ["floras-story", "jonahs-mountain", "amara-and-the-bravery-stickers"],
}

STORY_INDEX = {
    "title": "Stories",
    "slug": "stories",
    "introduction": (
        "<p>Every story here is told by the person it happened to, and shared only with their "
        "consent. Filter by theme, or by who a story suits.</p>"
    ),
}

# Edits the loader leaves waiting in review: (story slug, the edited summary).
REVIEWS = {
    "clinical": (
        "flora-one-year-on",
        "A year after her treatment, Flora went back to the clinic to sit beside a frightened "
        "nineteen-year-old in the waiting room.",
    ),
    "storyteller": (
        "floras-story",
        "Flora was so frightened of the dentist that she fought her own treatment. A virtual "
        "gallery of her memories, and a team who waited, helped her sit in the chair.",
    ),
    "consent": (
        "ruths-saturday-clinic",
        "Ruth came for a free check-up and stayed: two years on she runs the Saturday welcome "
        "desk and knows every nervous face.",
    ),
}

# The landing pages the home page's calls to action lead to, and the visit
# request form both lead to (stories.landing, stories.visits).
LANDING_PAGES = [
    {
        "slug": "for-schools",
        "title": "For schools",
        "audience": "schools",
        "introduction": (
            "Real stories of getting through fear, illness and recovery, told by the people they "
            "happened to, prepared for the classroom with age bands, content notes and ideas "
            "for discussion."
        ),
        "sections": [
            (
                "What the campaign offers your school",
                "<ul><li>Stories chosen for pupils’ ages, each with a content note so you know "
                "what it talks about before you share it.</li>"
                "<li>Classroom packs: learning objectives, discussion questions, activities, a "
                "glossary of the clinical words and where pupils can find help afterwards, "
                "ready to print.</li>"
                "<li>A visit from the campaign team and, where they wish, a storyteller, for an "
                "assembly or a lesson.</li></ul>"
                "<p>Everything is free. Stories are shared only for as long as their "
                "storytellers agree: if one is withdrawn, it disappears from the site and its "
                "pack at once, so please do not keep printed copies after the lesson.</p>",
            ),
            (
                "How your school gets accounts",
                "<ol><li>A member of staff asks the campaign team to register the school (the "
                "visit request form below is the quickest way: choose “School” and say you "
                "would like accounts).</li>"
                "<li>We check the school and send an invitation to the member of staff who "
                "asked; they invite colleagues.</li>"
                "<li>Teachers sign in with their school e-mail address and read the stories "
                "shared with schools. Pupils do not need accounts: teachers share the stories "
                "in class.</li></ol>",
            ),
        ],
        "packs_introduction": (
            "Each pack goes with one story. Open the story first, then print it with its pack."
        ),
        "visit_request_text": (
            "We visit primary and secondary schools for assemblies, lessons and staff sessions. "
            "Tell us what you have in mind and when suits you."
        ),
    },
    {
        "slug": "for-partners",
        "title": "For partner organisations",
        "audience": "partners",
        "introduction": (
            "Therapy groups and wellness organisations use the campaign’s stories with the "
            "people they support: someone else’s way through fear of treatment is often where "
            "recovery begins."
        ),
        "sections": [
            (
                "What the campaign offers your organisation",
                "<ul><li>Stories shared with partner organisations, where their storytellers "
                "have agreed, to read in groups or one to one.</li>"
                "<li>A feed and an API for your own website, which drop a story the moment "
                "its storyteller withdraws it.</li>"
                "<li>Classroom packs adapted for adult groups, and a visit from the campaign "
                "team for your members or staff.</li></ul>",
            ),
            (
                "How your organisation gets accounts",
                "<ol><li>Ask the campaign team to register your organisation (use the visit "
                "request form and say you would like accounts).</li>"
                "<li>We agree with you which stories you may share and send an invitation to "
                "your contact, who invites colleagues.</li>"
                "<li>Members sign in with their work e-mail address; an API token for your "
                "website is issued on request.</li></ol>",
            ),
        ],
        "packs_introduction": "Packs for adults suit support groups as well as classrooms.",
        "visit_request_text": (
            "We visit therapy groups and wellness organisations to talk about the campaign and "
            "share stories in person. Tell us what you have in mind."
        ),
    },
]

VISIT_REQUEST = {
    "slug": "request-a-visit",
    "title": "Request a visit",
    "introduction": (
        "Schools, therapy groups and wellness organisations can ask the campaign team to "
        "visit. Tell us who you are and what you have in mind; we reply within a week."
    ),
    # label, field type, required, choices, help text
    "fields": [
        ("Organisation name", "singleline", True, "", ""),
        (
            "Kind of organisation",
            "dropdown",
            True,
            "School\nTherapy group\nWellness organisation\nOther",
            "",
        ),
        ("Contact name", "singleline", True, "", "The person we should reply to."),
        ("Contact e-mail", "email", True, "", "We reply to this address only."),
        (
            "Preferred term or dates",
            "singleline",
            True,
            "",
            "For example “spring term” or “any Tuesday in March”.",
        ),
        (
            "Number of people and age group",
            "singleline",
            True,
            "",
            "For example “two Year 6 classes, about 60 pupils” or “a group of 12 adults”. "
            "Please do not name pupils or clients.",
        ),
        ("Message", "multiline", False, "", "Anything else we should know."),
    ],
    "how_we_use_details": (
        "<p>Your request is read by the Histories &amp; Smiles campaign team only, to arrange "
        "the visit and reply to you. We do not add you to a mailing list or share your details "
        "with anyone else.</p>"
        "<p>Requests are deleted {days} days after they are sent.</p>"
    ),
    "thank_you_text": (
        "<p>The campaign team has your request and will reply within a week to the address "
        "you gave. We have sent you an e-mail to confirm.</p>"
    ),
    "confirmation_text": (
        "We will read your request within a week and reply from this address to agree a date "
        "and what the visit will cover. If your plans change, just reply to this e-mail."
    ),
}

# Spanish: the home page, the story index and Flora's story, translated by the
# clinic's bilingual staff (stories.translations). Each is published through
# the same guard as the English page; Flora's consent covers both.
SPANISH = {
    "home": {
        "title": "Histories & Smiles",
        "introduction": (
            "<p>Pacientes de la clínica de la Dra. Elara Kessler cuentan, con sus propias "
            "palabras, cómo el cuidado cambió sus vidas: el miedo al dentista, la recuperación "
            "tras un trauma, la vida con el Síndrome de Degeneración Neural y las personas que "
            "les esperaron.</p>"
        ),
        "schools_heading": "Para colegios",
        "schools_text": (
            "Historias preparadas para el aula, con edades recomendadas, avisos de contenido y "
            "preguntas para el debate, para el profesorado y el alumnado de colegios registrados."
        ),
        "partners_heading": "Para grupos de terapia y organizaciones de bienestar",
        "partners_text": (
            "Comparta historias con las personas a las que acompaña, cuando quienes las cuentan "
            "lo han aceptado."
        ),
    },
    "index": {
        "title": "Historias",
        "introduction": (
            "<p>Cada historia la cuenta la persona a la que le ocurrió, y se comparte solo con su "
            "consentimiento. Filtre por tema o por el público al que conviene.</p>"
        ),
    },
    "stories": {
        "floras-story": {
            "title": "La historia de Flora: el sillón en el que no podía sentarme",
            "slug": "la-historia-de-flora",
            "summary": (
                "Flora tenía tanto miedo al dentista que se resistía a su propio tratamiento. "
                "Una galería virtual de sus recuerdos, y un equipo que supo esperar, lo cambiaron."
            ),
            "content_notes": (
                "Describe un ataque de pánico y un arrebato de ira en el sillón del dentista\n"
                "Menciona la muerte de un padre"
            ),
            "body": [
                *para(
                    "Durante once años no abrí la boca ante un dentista. Pedía cita y la anulaba. "
                    "Volvía a pedirla, conducía hasta allí y me quedaba en el aparcamiento con las "
                    "manos temblando sobre el volante hasta que pasaba la hora. Luego volvía a casa "
                    "y me decía que casi lo había conseguido.",
                    "Cuando el Síndrome de Degeneración Neural me alcanzó, llegó como llega a "
                    "mucha gente: un dolor sordo en las muelas y después un entumecimiento extraño "
                    "a lo largo de la mandíbula. Sabía exactamente lo que era, y me dije que el "
                    "dolor era un precio justo por no entrar.",
                    "Ahora sé que el miedo nunca fue por los dientes. Mi padre era carpintero y "
                    "estuvo enfermo mucho tiempo antes de morir. El último mes fueron pasillos de "
                    "hospital, ese olor a limpio y gente de uniforme hablándome con la voz que "
                    "anuncia malas noticias. Sin decidirlo, lo guardé todo en el único lugar que "
                    "nunca dejaba mirar a nadie.",
                ),
                ("pull_quote", {"quote": "Mis dientes eran donde lo guardaba.", "attribution": ""}),
                *para(
                    "En primavera llegó por correo un folleto de la Healthy Smile Initiative. Una "
                    "amiga me llevó. El equipo de la clínica no tuvo prisa: me enseñaron una "
                    "galería virtual hecha de mis propios recuerdos, y esperaron hasta que pude "
                    "sentarme en el sillón. Hoy vuelvo a sonreír en las fotos.",
                ),
            ],
            "classroom_pack": [
                {
                    "type": "objectives",
                    "value": [
                        "Describir cómo un recuerdo doloroso puede volver inseguro un lugar "
                        "corriente.",
                        "Nombrar tres cosas que hizo la clínica para que Flora se sintiera al mando.",
                        "Saber a quién acudir si una historia así te despierta preocupaciones.",
                    ],
                },
                {
                    "type": "questions",
                    "value": [
                        "¿Por qué crees que Flora pedía cita y luego la anulaba?",
                        "Flora dice que sus dientes eran donde guardaba su duelo. ¿Qué quiere decir?",
                        "¿Qué fue lo que más la ayudó de lo que hizo el equipo, y por qué?",
                        "¿Qué le dirías a una amiga a la que le da demasiado miedo ir al dentista?",
                    ],
                },
                {
                    "type": "activity",
                    "value": {
                        "title": "Una galería de calma",
                        "instructions": (
                            "Las gafas de Flora le mostraban una galería hecha de sus recuerdos. "
                            "Por tu cuenta, dibuja o describe tres salas de una galería que te "
                            "ayudaría a sentir calma: un lugar, una persona y un sonido.\n"
                            "En parejas, explica una sala a tu compañero y por qué te ayuda."
                        ),
                        "minutes": 25,
                    },
                },
                {
                    "type": "glossary",
                    "value": [
                        {
                            "term": "Miedo al dentista (odontofobia)",
                            "explanation": (
                                "Un miedo intenso al dentista que puede hacer que alguien deje "
                                "de ir."
                            ),
                        },
                        {
                            "term": "Ataque de pánico",
                            "explanation": (
                                "Una oleada repentina de miedo, con el corazón acelerado y la "
                                "respiración rápida. Asusta, pero pasa."
                            ),
                        },
                        {
                            "term": "Síndrome de Degeneración Neural (SDN)",
                            "explanation": (
                                "La enfermedad de la historia de Flora, que adormece los dientes y "
                                "la mandíbula; el tratamiento puede detenerla."
                            ),
                        },
                        {
                            "term": "Gafas de realidad virtual",
                            "explanation": "Unas gafas que te muestran otro lugar a tu alrededor.",
                        },
                    ],
                },
                {
                    "type": "signposting",
                    "value": [
                        {
                            "service": "Tu tutor o la enfermería del centro",
                            "how_to_reach": "Pregunta en secretaría",
                            "note": "Cualquier día lectivo",
                        },
                        {
                            "service": "Teléfono ANAR de ayuda a niños y adolescentes",
                            "how_to_reach": "Llama al 116 111",
                            "note": "Gratuito y confidencial, a cualquier hora",
                        },
                    ],
                },
            ],
        },
    },
}
