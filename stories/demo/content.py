"""The demo campaign's words: themes, partners, storytellers and their stories.

Plain data, written for this campaign from the story it grew out of (Elara
Kessler's clinic, Dr Alaric Gibbens, Leo Trine, and their patient Flora).
The loader turns it into pages; the pictures are drawn by pictures.py.
Storytellers and their details are invented.
"""


def para(*paragraphs):
    """Paragraph blocks, one per argument."""
    return [("paragraph", f"<p>{text}</p>") for text in paragraphs]


def picture(key, title, alt_text, scene, palette="dawn", identifiable=False, credit=""):
    return {
        "key": key,
        "title": title,
        "alt_text": alt_text,
        "scene": scene,
        "palette": palette,
        "shows_identifiable_person": identifiable,
        "credit": credit or "Drawn for Histories & Smiles",
    }


THEMES = [
    {
        "name": "Dental anxiety",
        "description": "Fear of the dentist, and the ways people found through it.",
    },
    {
        "name": "Recovering after trauma",
        "description": "Stories of care that took past harm seriously, at the patient's pace.",
    },
    {
        "name": "Children and families",
        "description": "Young patients, and the grown-ups beside them.",
    },
    {
        "name": "Confidence and self-image",
        "description": "What a smile does for how people see themselves.",
    },
    {
        "name": "Technology in care",
        "description": "Calming VR suites, nanobot treatment, and the people who explain them.",
    },
    {
        "name": "Living with NDS",
        "description": "Neural Degeneration Syndrome: decay, nerves and getting life back.",
    },
    {
        "name": "Community and belonging",
        "description": "Free checks, Saturday clinics and the neighbours who turned up.",
    },
]

PARTNERS = [
    {
        "name": "Harbour Lane Primary School",
        "kind": "school",
        "website": "https://harbour-lane.example",
        "contact_email": "office@harbour-lane.example",
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
        "colour": "#5f9a4a",
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

STORYTELLERS = [
    {
        "reference": "HS-0001",
        "naming": "first_name",
        "first_name": "Flora",
        "last_name": "Marsh",
        "email": "flora.marsh@example.com",
        "phone": "07700 900101",
        "date_of_birth": "1994-05-12",
    },
    {
        "reference": "HS-0002",
        "naming": "full_name",
        "first_name": "Tomasz",
        "last_name": "Nowak",
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
        "date_of_birth": "1988-02-20",
    },
    {
        "reference": "HS-0004",
        "naming": "anonymous",
        "first_name": "Daniel",
        "last_name": "Price",
        "email": "dprice@example.com",
        "date_of_birth": "1990-11-30",
    },
    {
        "reference": "HS-0005",
        "naming": "first_name",
        "first_name": "Amara",
        "last_name": "Okafor",
        "email": "okafor.family@example.com",
        "date_of_birth": "2017-06-14",
    },
    {
        "reference": "HS-0006",
        "naming": "first_name",
        "first_name": "Jonah",
        "last_name": "Reyes",
        "email": "reyes.home@example.com",
        "date_of_birth": "2011-03-08",
    },
    {
        "reference": "HS-0007",
        "naming": "full_name",
        "first_name": "Margaret",
        "last_name": "Ellis",
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
        "date_of_birth": "1979-12-01",
    },
    {
        "reference": "HS-0009",
        "naming": "first_name",
        "first_name": "Priya",
        "last_name": "Shah",
        "email": "priya.shah@example.com",
        "date_of_birth": "1996-04-17",
    },
    {
        "reference": "HS-0010",
        "naming": "full_name",
        "first_name": "Dev",
        "last_name": "Malik",
        "email": "dev.malik@example.com",
        "date_of_birth": "1985-08-25",
    },
    {
        "reference": "HS-0011",
        "naming": "first_name",
        "first_name": "Ruth",
        "last_name": "Adeyemi",
        "email": "ruth.adeyemi@example.com",
        "date_of_birth": "1969-01-09",
    },
    {
        "reference": "HS-0012",
        "naming": "anonymous",
        "first_name": "Claire",
        "last_name": "Dunmore",
        "email": "c.dunmore@example.com",
        "date_of_birth": "1983-10-05",
    },
]

FLORA_AT_THE_CLINIC = picture(
    "flora-clinic",
    "Flora at the clinic",
    "Flora sitting upright in the treatment chair by the window, hands resting in her lap.",
    "portrait",
    "dawn",
    identifiable=True,
    credit="Leo Trine",
)

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
        "content_notes": "Describes a panic attack in the dentist's chair\nMentions a past bereavement",
        "hero": picture(
            "flora-hero",
            "The calming suite at dawn",
            "A headset resting on a table in front of a window, hills and a rising sun beyond.",
            "vr",
            "dawn",
        ),
        "body": [
            *para(
                "For eleven years I did not open my mouth for a dentist. I would book, and then "
                "cancel; book, and then sit in the car park with my hands shaking until the "
                "appointment time had passed. When Neural Degeneration Syndrome started to take "
                "my back teeth, I told myself the pain was a fair price for not going in.",
                "I know now that the fear was not really about teeth. After my dad died, "
                "everything about hospitals, white coats and that clean smell put me back in "
                "the worst week of my life. My teeth had become where I kept it.",
            ),
            ("pull_quote", {"quote": "My teeth had become where I kept it.", "attribution": ""}),
            *para(
                "The first time I made it into Dr Kessler’s clinic, I lasted four minutes. The "
                "second time I got angry. I said things to Elara that I am still ashamed of, and "
                "I pulled the suction tube out of her hand. She did not raise her voice. She "
                "switched off the light over the chair and sat on the floor beside me until I "
                "could breathe.",
                "Dr Gibbens says teeth hold memories. I thought that was nonsense until Leo "
                "built something for me in the calming suite: a gallery, room after room, of the "
                "things I had been carrying. My dad’s workshop. The hospital corridor. The "
                "kitchen where I stopped eating properly. I walked through it with a headset on "
                "while they worked, and I was allowed to stop at any picture for as long as I "
                "needed.",
            ),
            (
                "image",
                {
                    "picture": picture(
                        "flora-gallery",
                        "The memory gallery",
                        "An illustration of a calm landscape seen through a virtual reality headset.",
                        "vr",
                        "dusk",
                    ),
                    "caption": "The last room of the gallery was a hillside. I chose what it looked like.",
                },
            ),
            (
                "image",
                {
                    "picture": FLORA_AT_THE_CLINIC,
                    "caption": "Month seven: the chair by the window, and I am in it.",
                },
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
                            "text": "I lost my temper. They booked me in again the same afternoon.",
                        },
                        {
                            "when": "Week 6",
                            "title": "The first gallery visit",
                            "text": "Leo’s VR room. I cried the whole way through, and stayed.",
                        },
                        {
                            "when": "Month 4",
                            "title": "Nanobot repair, both sides",
                            "text": "The pain I had lived with for years stopped.",
                        },
                        {
                            "when": "Month 7",
                            "title": "A check-up I did not cancel",
                            "text": "I drove there, parked, and walked straight in.",
                        },
                    ],
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
                        "A drawing of a dull, marked tooth.",
                        "before",
                        "dawn",
                    ),
                    "after": picture(
                        "flora-after",
                        "Flora’s molar after treatment",
                        "A drawing of a bright, healthy tooth with small sparkles.",
                        "after",
                        "dawn",
                    ),
                    "caption": "The team drew these for me; I did not want photographs of my mouth.",
                },
            ),
            *para(
                "I am telling this because I used to read stories like this and think the people "
                "in them were braver than me. They were not. They just had someone who waited. "
                "If you are sitting in a car park right now, that is still a start.",
            ),
        ],
    },
    {
        "slug": "flora-one-year-on",
        "title": "Flora, one year on",
        "summary": "A year after her treatment, Flora went back to the clinic to help someone else sit down.",
        "storyteller": "HS-0001",
        "published": "2026-10-20",
        "themes": ["Dental anxiety", "Community and belonging"],
        "age_bands": ["secondary", "adult"],
        "partners": [],
        "content_notes": "",
        "hero": picture(
            "flora-garden",
            "The clinic garden in autumn",
            "A garden with trees and low hills under a pale sun.",
            "garden",
            "meadow",
        ),
        "body": [
            *para(
                "Last month Elara asked whether I would sit with a new patient in the waiting "
                "room. She was nineteen and had cancelled three times. I did not give her any "
                "advice. I told her where the toilets were, which chair in the waiting room has "
                "a view of the garden, and that you are allowed to leave.",
                "She went in. She came out forty minutes later and said, “That was horrible,” "
                "and then she laughed, and I laughed, and I recognised it: the feeling of having "
                "done the thing.",
                "I still do not love the dentist. I go every six months and I still raise my hand "
                "sometimes. The difference is that I know now that raising it works.",
            ),
            (
                "pull_quote",
                {"quote": "You are allowed to leave. That is why you can stay.", "attribution": ""},
            ),
        ],
    },
    {
        "slug": "smiling-in-photographs",
        "title": "The man who stopped hiding in photographs",
        "summary": (
            "For twenty years Tomasz stood at the back of every group photo. "
            "A cracked front tooth and a lot of shame kept him there."
        ),
        "storyteller": "HS-0002",
        "published": "2026-03-11",
        "themes": ["Confidence and self-image", "Technology in care"],
        "age_bands": ["adult"],
        "partners": ["Open Door Wellness Collective"],
        "content_notes": "",
        "hero": picture(
            "tomasz-portrait",
            "Tomasz at his daughter's graduation",
            "Tomasz, smiling broadly, in a suit at an outdoor graduation.",
            "portrait",
            "sea",
            identifiable=True,
            credit="Family photograph",
        ),
        "body": [
            *para(
                "I broke my front tooth at nineteen, on a building site. By the time I could "
                "afford to fix it, I had learned to smile with my mouth shut, and I thought that "
                "was the end of it. It was not the end of it. It was in every wedding album, every "
                "work photo, every picture of my children where I am a half-face at the back.",
                "The free check at the Healthy Smile Initiative was my wife’s idea. I went to "
                "keep the peace. Leo showed me on a screen what the repair would involve, how "
                "long, what it would feel like, and for the first time somebody talked to me "
                "about my tooth as if it were an ordinary thing to fix.",
                "It took three visits. The nanobot work on the root was the strange part: a warm, "
                "fizzy feeling, nothing like a drill. The cap was the easy part.",
                "At my daughter’s graduation I stood in the front row. She noticed before I did. "
                "She said, “Dad, you’re showing your teeth.”",
            ),
            (
                "what_helped",
                {
                    "heading": "What helped",
                    "text": (
                        "<ul><li>Seeing the plan on a screen before anything happened</li>"
                        "<li>A price written down at the start</li>"
                        "<li>My wife booking the first appointment for me</li></ul>"
                    ),
                },
            ),
        ],
    },
    {
        "slug": "learning-to-floss-at-forty-five",
        "title": "Learning to floss at forty-five",
        "summary": "Tomasz on the unglamorous part: new habits, a timer on the bathroom shelf, and being kind to himself.",
        "storyteller": "HS-0002",
        "published": "2026-06-02",
        "themes": ["Confidence and self-image"],
        "age_bands": ["secondary", "adult"],
        "partners": [],
        "content_notes": "",
        "hero": None,
        "body": [
            *para(
                "Nobody tells you that after the big repair comes the small boring work. The "
                "hygienist at Elara’s clinic gave me a sand timer and a list with three things on "
                "it. Not ten. Three.",
                "I forgot for the first week. Then my son started doing it with me, because he "
                "thought the timer was funny, and now we race. He wins. I have not missed a night "
                "since March.",
                "If you have never looked after your teeth properly, nobody at the clinic will "
                "tell you off. They will give you a timer.",
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
        "content_notes": "Refers to a past physical assault (no details)\nDescribes flashbacks",
        "hero": picture(
            "wren-garden",
            "A quiet path at dusk",
            "A winding path through a garden at dusk.",
            "garden",
            "dusk",
        ),
        "body": [
            *para(
                "I am not going to write about what happened to me. I will write about what "
                "happened after, because that is the part that might be useful to you.",
                "For two years after the assault I could not let anyone near my face. A chipped "
                "tooth became an abscess and I still could not do it. My counsellor at Steady "
                "Steps rang the clinic for me and asked one question: would they let me be in "
                "charge?",
                "They said yes, and then they meant it. Before my first appointment, Dr Gibbens "
                "and I sat in his office with the door open. He showed me every instrument. He "
                "asked which ones I wanted to hold. We agreed that nobody would touch me without "
                "saying what they were about to do, and waiting for me to say “yes”.",
                "It was slow. Some days I only managed the waiting room. Nobody ever made me feel "
                "that was a wasted day.",
            ),
            (
                "pull_quote",
                {"quote": "Nobody ever made me feel that was a wasted day.", "attribution": ""},
            ),
            (
                "what_helped",
                {
                    "heading": "What helped",
                    "text": (
                        "<ul><li>Being asked before every step, every time</li>"
                        "<li>The door kept open</li>"
                        "<li>My counsellor making the first call</li>"
                        "<li>Choosing a woman as the second person in the room</li></ul>"
                    ),
                },
            ),
        ],
    },
    {
        "slug": "the-panic-and-the-plan",
        "title": "The panic and the plan",
        "summary": "An anonymous patient on living with panic attacks, and the written plan that let them finish a course of treatment.",
        "storyteller": "HS-0004",
        "published": "2026-04-07",
        "themes": ["Dental anxiety"],
        "age_bands": ["secondary", "adult"],
        "partners": ["Quiet Harbour Therapy Group"],
        "content_notes": "Describes panic attacks in detail",
        "hero": picture(
            "plan-clinic",
            "A treatment room with the blinds half open",
            "An empty treatment room, the chair reclined, soft light from a window.",
            "clinic",
            "sea",
        ),
        "body": [
            *para(
                "My panic attacks do not care where I am. They have happened in supermarkets and "
                "on trains, and twice in a dentist’s chair with a mouth full of cotton wool, "
                "which is its own kind of terror.",
                "What changed this time was a piece of paper. Before any treatment, the clinic "
                "and I wrote a plan together: what an attack looks like for me, what I want "
                "people to do (sit me up, hand me water, count with me) and what I do not want "
                "(being told to calm down). It went into my notes. Everybody read it.",
                "I had one attack during the course of treatment. The nurse sat me up, handed me "
                "water and counted with me. Eleven minutes later we carried on.",
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
                            "text": "Sit up, water, counting. Back in the chair after eleven minutes.",
                        },
                        {"when": "Visit 5", "title": "Course finished", "text": ""},
                    ],
                },
            ),
        ],
    },
    {
        "slug": "amara-and-the-bravery-stickers",
        "title": "Amara and the bravery stickers",
        "summary": "Seven-year-old Amara tells, with her mum's help, how she looked after her teeth and earned a whole sheet of stickers.",
        "storyteller": "HS-0005",
        "published": "2026-05-19",
        "themes": ["Children and families", "Dental anxiety"],
        "age_bands": ["primary"],
        "partners": ["Harbour Lane Primary School"],
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
                "<i>Amara told this story to her mum, who wrote it down.</i>",
                "My tooth hurt when I ate ice lollies. Mum said we had to go to the dentist and I "
                "said NO because my friend said they use a drill.",
                "The dentist is called Elara. She let me sit in the big chair and go up and down "
                "before she even looked at my teeth. Then she let me count my own teeth with a "
                "little mirror. I have twenty-two.",
                "She put special goggles on me and I was in a forest with a fox. The fox helped "
                "me be brave. It didn’t hurt, it just tickled.",
                "I got a sticker for sitting in the chair, a sticker for opening wide, and a "
                "sticker for the fox. Now I brush for two whole minutes with a song.",
            ),
            (
                "what_helped",
                {
                    "heading": "What helped Amara",
                    "text": (
                        "<ul><li>Going up and down in the chair first</li>"
                        "<li>Counting her own teeth</li><li>The fox</li></ul>"
                    ),
                },
            ),
        ],
    },
    {
        "slug": "jonahs-mountain",
        "title": "Jonah’s mountain",
        "summary": "At fourteen, Jonah had a rare early form of NDS. He climbed a virtual mountain during every treatment, and wrote about it for his school.",
        "storyteller": "HS-0006",
        "published": "2026-07-08",
        "themes": ["Living with NDS", "Technology in care", "Children and families"],
        "age_bands": ["secondary"],
        "partners": ["Northgate Academy"],
        "content_notes": "Mentions needles",
        "hero": picture(
            "jonah-vr",
            "A mountain seen through a headset",
            "A virtual reality headset in front of a range of hills under a pale sky.",
            "vr",
            "sea",
        ),
        "body": [
            *para(
                "<i>Jonah wrote this with his dad for a school assembly at Northgate Academy.</i>",
                "When I was diagnosed with NDS, the doctor said it was rare at my age. My teeth "
                "were getting weak and sometimes my jaw would just stop feeling things, which is "
                "scarier than it sounds.",
                "The treatment needed eight visits. Leo at the clinic asked what I liked. I said "
                "climbing, even though I had never climbed anything real. So he built me a "
                "mountain. Every visit I got a bit higher. On the last visit I reached the top "
                "and there was a flag with my name on it.",
                "I still have NDS, but my teeth are strong again and the numb bits have mostly "
                "gone. I have started climbing at an actual wall now. It is harder than the VR "
                "one.",
            ),
            (
                "timeline",
                {
                    "heading": "Eight visits, one mountain",
                    "milestones": [
                        {
                            "when": "Visit 1",
                            "title": "Base camp",
                            "text": "Mostly talking and a tour.",
                        },
                        {
                            "when": "Visit 4",
                            "title": "Halfway",
                            "text": "The needle for numbing was the worst bit. Over in seconds.",
                        },
                        {
                            "when": "Visit 8",
                            "title": "The summit",
                            "text": "A flag with my name on it.",
                        },
                    ],
                },
            ),
        ],
    },
    {
        "slug": "eighty-one-and-unafraid",
        "title": "Eighty-one and finally unafraid",
        "summary": "Margaret Ellis had her first calm dental appointment at eighty-one, after a childhood of frightening school dentists.",
        "storyteller": "HS-0007",
        "published": "2026-01-22",
        "themes": ["Dental anxiety", "Community and belonging"],
        "age_bands": ["adult"],
        "partners": ["Riverside Wellbeing Hub"],
        "content_notes": "",
        "hero": picture(
            "margaret-classroom",
            "An old-fashioned classroom",
            "A drawing of a classroom with rows of desks and a blackboard.",
            "classroom",
            "dawn",
        ),
        "body": [
            *para(
                "When I was a girl, the dentist came to school once a year in a van. We queued in "
                "the corridor, and we could hear. I have been frightened ever since, and for most "
                "of my life I simply put up with it.",
                "My friends at the Riverside Wellbeing Hub told me about the Saturday clinic. I "
                "went along to keep my friend Joan company and ended up being seen myself. The "
                "young man, Leo, explained everything twice, slowly, without once making me feel "
                "old.",
                "I had two fillings replaced and my dentures adjusted, and I did not grip the "
                "arms of the chair once. At eighty-one I can tell you: it is never too late to "
                "stop being frightened of something.",
            ),
            (
                "pull_quote",
                {
                    "quote": "It is never too late to stop being frightened of something.",
                    "attribution": "",
                },
            ),
        ],
    },
    {
        "slug": "words-without-pictures",
        "title": "Words without pictures",
        "summary": "Sol wanted his story told but his face kept private. Here is how a reconstructive treatment gave him back his voice at work.",
        "storyteller": "HS-0008",
        "published": "2026-08-14",
        "themes": ["Confidence and self-image", "Living with NDS"],
        "age_bands": ["adult"],
        "partners": [],
        "content_notes": "",
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
                "I teach adults to read. For two years NDS made my speech slur in the afternoons "
                "as my jaw nerves tired, and I started cancelling the later classes because I "
                "could not bear my students hearing it.",
                "The reconstruction took a winter. The nanobots rebuild the connections a little "
                "at a time; you feel nothing, and then one day you notice you have talked for an "
                "hour and your mouth is still yours.",
                "I agreed to share this story, but not my face. My students know me; that is "
                "enough. If this reaches one person who is hiding the way I was, it has done its "
                "job.",
            ),
        ],
    },
    {
        "slug": "a-check-up-between-shifts",
        "title": "A check-up between shifts",
        "summary": "Priya, a night-shift nurse, on fitting dental care into a life that runs the wrong way round.",
        "storyteller": "HS-0009",
        "published": "2026-09-01",
        "themes": ["Community and belonging"],
        "age_bands": ["adult"],
        "partners": [],
        "content_notes": "",
        "hero": None,
        "body": [
            *para(
                "I work nights. For years my teeth were the last thing on a list that never got "
                "finished. The Healthy Smile Initiative ran early-morning slots for shift "
                "workers, and I went straight from the ward.",
                "Nobody minded that I was in uniform and half asleep. They found two small "
                "cavities, fixed them the same morning and sent me home to bed.",
            ),
        ],
    },
    {
        "slug": "what-the-nanobots-felt-like",
        "title": "What the nanobots felt like",
        "summary": "Dev Malik, an engineer, asked a hundred questions about nanobot repair. Here are the answers, and what it was actually like.",
        "storyteller": "HS-0010",
        "published": "2026-04-28",
        "themes": ["Technology in care", "Living with NDS"],
        "age_bands": ["secondary", "adult"],
        "partners": [],
        "content_notes": "",
        "hero": picture(
            "dev-clinic",
            "The treatment room, ready",
            "A bright treatment room with the chair upright and instruments covered.",
            "clinic",
            "dusk",
        ),
        "body": [
            *para(
                "I am the kind of patient who asks how the machine works. Leo Trine is the kind "
                "of technician who is delighted to be asked. We spent the first appointment on a "
                "whiteboard.",
                "The short version: the nanobots are guided to the damaged nerve paths around "
                "the tooth and lay down new connections, a little at a time, over several "
                "visits. You cannot feel them move. What you feel is warmth, and sometimes a "
                "fizzing, like a foot waking up.",
                "What I did not expect was how much it mattered that someone took my questions "
                "seriously. Being curious is how I cope. The clinic let me cope my way.",
            ),
            (
                "before_after",
                {
                    "before": picture(
                        "dev-before",
                        "Dev’s tooth before",
                        "A drawing of a dull, marked tooth.",
                        "before",
                        "dusk",
                    ),
                    "after": picture(
                        "dev-after",
                        "Dev’s tooth after",
                        "A drawing of a bright, healthy tooth.",
                        "after",
                        "dusk",
                    ),
                    "caption": "Drawings the clinic makes for patients who want to see the change.",
                },
            ),
        ],
    },
    {
        "slug": "ruths-saturday-clinic",
        "title": "Ruth’s Saturday clinic",
        "summary": "Ruth started by handing out leaflets for the free checks. Two years later she runs the Saturday welcome desk.",
        "storyteller": "HS-0011",
        "published": "2026-02-27",
        "themes": ["Community and belonging", "Children and families"],
        "age_bands": ["primary", "secondary", "adult"],
        "partners": ["Open Door Wellness Collective", "Harbour Lane Primary School"],
        "content_notes": "",
        "hero": picture(
            "ruth-garden",
            "Spring at the community garden",
            "A community garden in spring with young trees and a bright sun.",
            "garden",
            "meadow",
        ),
        "body": [
            *para(
                "I came for a free check-up with my grandson and left with a box of leaflets. The "
                "clinic needed people who knew the neighbourhood, and I have lived on these "
                "streets for thirty years.",
                "Now I run the Saturday welcome desk. My job is to notice who is nervous, who "
                "has brought three children and needs a hand, and who does not speak much "
                "English and needs the interpreter before anything else.",
                "The best Saturday was when a family I had handed a leaflet to in the market "
                "came in, all five of them, and the youngest asked me where the fox was. Amara "
                "had told her whole class.",
            ),
            ("pull_quote", {"quote": "My job is to notice who is nervous.", "attribution": ""}),
        ],
    },
    {
        "slug": "a-teachers-note",
        "title": "A teacher’s note: using these stories in class",
        "summary": "A primary teacher, writing anonymously, on reading Amara's and Jonah's stories with her class, and what the children asked.",
        "storyteller": "HS-0012",
        "published": "2026-06-25",
        "themes": ["Children and families", "Dental anxiety"],
        "age_bands": ["primary", "adult"],
        "partners": ["Harbour Lane Primary School"],
        "content_notes": "",
        "hero": picture(
            "teacher-classroom",
            "A classroom ready for the day",
            "A drawing of a bright classroom with desks and a board.",
            "classroom",
            "sea",
        ),
        "body": [
            *para(
                "We read Amara’s story in a Year 3 health lesson. I expected questions about "
                "teeth. I got questions about being scared: what do you do when you are scared, "
                "what do grown-ups do, is it allowed.",
                "Three children said they were frightened of the dentist. One said her mum was "
                "too. We made a class list of things that help, and “counting your teeth” went "
                "straight to the top.",
                "If you use these stories with children, read the content notes first, let the "
                "children stop whenever they like, and leave time for the questions. They are "
                "the best part.",
            ),
            (
                "what_helped",
                {
                    "heading": "Tips for the classroom",
                    "text": (
                        "<ul><li>Read the story yourself first</li>"
                        "<li>Ask “what helped?” rather than “were they brave?”</li>"
                        "<li>Let children talk about their own fears only if they want to</li></ul>"
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
                (
                    "<h2>Why stories</h2><p>Fear keeps people away from care they need. Hearing how "
                    "someone else got through it is often the first thing that helps. Every story "
                    "here is told by the person it happened to, in their words.</p>"
                    "<h2>For schools</h2><p>Teachers from registered schools can read stories "
                    "prepared for classrooms, with age bands, content notes and ideas for "
                    "discussion. Ask us to register your school.</p>"
                    "<h2>For partner organisations</h2><p>Therapy groups and wellness organisations "
                    "can share stories with the people they support, where the storyteller has "
                    "agreed. Each partner’s use is recorded, so that we can tell you at once if a "
                    "storyteller withdraws their story.</p>"
                ),
            ),
        ],
    },
    {
        "slug": "privacy",
        "title": "How we protect storytellers",
        "introduction": "A story belongs to the person who tells it. These are our promises to them.",
        "show_in_menus": True,
        "body": [
            (
                "paragraph",
                (
                    "<h2>Consent first</h2><p>We publish a story only while its storyteller’s "
                    "consent covers who may read it, the name it uses, and any photograph, voice or "
                    "video in it. Consent lasts at most three years and must then be renewed.</p>"
                    "<h2>Names</h2><p>Storytellers choose to be named in full, by first name, by a "
                    "pseudonym, or not at all. Their real identity is known only to our consent "
                    "officers.</p>"
                    "<h2>Taking a story back</h2><p>Anyone can withdraw their story at any time. It "
                    "comes down from this site at once, and we ask every organisation that received "
                    "it to remove it too. Storytellers can also ask us to delete everything we hold "
                    "about them.</p>"
                    "<h2>Contact</h2><p>Write to the consent team at the clinic, or ask at reception, "
                    "and say which story is yours.</p>"
                ),
            ),
        ],
    },
    {
        "slug": "safeguarding",
        "title": "Safeguarding",
        "introduction": "Some of our storytellers are children, and some stories touch on trauma.",
        "show_in_menus": False,
        "body": [
            (
                "paragraph",
                (
                    "<h2>Children’s stories</h2><p>A child’s story is published only with the "
                    "consent of a parent or guardian, and that consent ends on the child’s 18th "
                    "birthday unless they renew it themselves.</p>"
                    "<h2>Content notes</h2><p>Stories that mention panic, loss, trauma or medical "
                    "procedures carry a note before the story begins, so that readers can decide "
                    "whether to read on.</p>"
                    "<h2>If a story upsets you</h2><p>Talk to someone you trust, your GP, or a local "
                    "support line. If you are a pupil, talk to a teacher. If you are worried about a "
                    "child, contact your local safeguarding team.</p>"
                ),
            ),
        ],
    },
]

HOME = {
    "title": "Histories & Smiles",
    "introduction": (
        "<p>Patients of Dr Elara Kessler’s clinic tell, in their own words, how treatment "
        "changed their lives: fear of the dentist, recovery after trauma, living with Neural "
        "Degeneration Syndrome, and the people who waited for them.</p>"
    ),
    "schools_heading": "For schools",
    "schools_text": (
        "Stories prepared for the classroom, with age bands and content notes, for teachers "
        "and pupils of registered schools."
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

# Edits waiting in review: (story slug, the edited summary).
REVIEWS = {
    "clinical": (
        "flora-one-year-on",
        "A year after her treatment, Flora went back to the clinic to sit beside a frightened "
        "nineteen-year-old in the waiting room.",
    ),
    "consent": (
        "ruths-saturday-clinic",
        "Ruth came for a free check-up and stayed: two years on she runs the Saturday welcome "
        "desk and knows every nervous face.",
    ),
}
