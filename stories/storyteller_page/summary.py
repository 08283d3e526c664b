"""What a storyteller's page shows: their stories, their consent, its history.

Built from their own records only: nothing here reaches another storyteller.
"""


def page_of(link):
    storyteller = link.storyteller
    return {"link": link, "storyteller": storyteller}
