"""What a partner's site may ask of the API, described in OpenAPI 3.1 at
`/api/v2/openapi.json`: the pages listing, one page, finding a page by its
address, the fields and filters the pages endpoint (stories.api) accepts,
the token it reads, the shapes of a story's body blocks and pictures
(stories.api_pictures), and the errors it answers.

The document names no story and no picture: it is the same for everyone, so
it may be kept anywhere. A test checks that it is valid OpenAPI and that
every path answers as it says for the demo's token.
"""

from django.http import JsonResponse
from django.views.decorators.http import require_safe

from .api_pictures import SHARED, site_address
from .caching import cache_publicly

BODY_BLOCKS = {
    "paragraph": {
        "description": "Text of the story, as rich text (see `rich_text_format`).",
        "type": "string",
    },
    "pull_quote": {
        "description": "A quotation set large. An empty attribution means the shown name.",
        "type": "object",
        "required": ["quote", "attribution"],
        "properties": {"quote": {"type": "string"}, "attribution": {"type": "string"}},
    },
    "image": {
        "description": "A picture with an optional caption.",
        "type": "object",
        "required": ["image", "caption"],
        "properties": {
            "image": {"$ref": "#/components/schemas/PictureOrNothing"},
            "caption": {"type": "string"},
        },
    },
    "before_after": {
        "description": "Two pictures side by side: before treatment and after.",
        "type": "object",
        "required": ["before", "after", "caption"],
        "properties": {
            "before": {"$ref": "#/components/schemas/PictureOrNothing"},
            "after": {"$ref": "#/components/schemas/PictureOrNothing"},
            "caption": {"type": "string"},
        },
    },
    "timeline": {
        "description": "Milestones of the treatment, in order.",
        "type": "object",
        "required": ["heading", "milestones"],
        "properties": {
            "heading": {"type": "string"},
            "milestones": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["when", "title", "text"],
                    "properties": {
                        "when": {"type": "string"},
                        "title": {"type": "string"},
                        "text": {"type": "string"},
                    },
                },
            },
        },
    },
    "what_helped": {
        "description": "A boxed note of what made the difference.",
        "type": "object",
        "required": ["heading", "text"],
        "properties": {"heading": {"type": "string"}, "text": {"type": "string"}},
    },
    "embed": {
        "description": "A video or voice recording hosted elsewhere, with its transcript.",
        "type": "object",
        "required": ["kind", "embed", "caption", "transcript"],
        "properties": {
            "kind": {"enum": ["video", "voice"]},
            "embed": {"type": "string", "description": "The recording's address."},
            "caption": {"type": "string"},
            "transcript": {"type": "string"},
        },
    },
    "voice_clip": {
        "description": "The storyteller's voice, uploaded to the site (see `Clip`).",
        "type": "object",
        "required": ["clip", "caption"],
        "properties": {
            "clip": {"$ref": "#/components/schemas/Clip"},
            "caption": {"type": "string"},
        },
    },
    "video_clip": {
        "description": "A video of the storyteller, uploaded to the site (see `Clip`).",
        "type": "object",
        "required": ["clip", "caption"],
        "properties": {
            "clip": {"$ref": "#/components/schemas/Clip"},
            "caption": {"type": "string"},
        },
    },
}

# A clip in a story's body: its address and transcript only for a token whose
# organisation may syndicate the story (stories.clip_access.clip_for_api).
CLIP = {
    "oneOf": [
        {"type": "null"},
        {
            "type": "object",
            "required": ["type"],
            "properties": {
                "type": {"enum": ["audio", "video"]},
                "url": {
                    "type": "string",
                    "format": "uri",
                    "description": "Served to this token; answers `Range` requests.",
                },
                "duration": {"type": "number", "description": "Seconds."},
                "transcript": {"type": "string"},
                "captions_url": {
                    "oneOf": [{"type": "string", "format": "uri"}, {"type": "null"}],
                    "description": "WebVTT captions of a video.",
                },
                "content_note": {"type": "string"},
            },
        },
    ]
}

STORY_FIELDS = {
    "summary": {"type": "string", "description": "One or two sentences for listings."},
    "shown_name": {
        "type": "string",
        "description": "The storyteller's name as their consent allows it to be shown "
        "(a first name, a pseudonym or 'Anonymous'). Use no other name.",
    },
    "hero": {"$ref": "#/components/schemas/PictureOrNothing"},
    "hero_image_url": {
        "description": "The hero's largest JPEG, as earlier versions of this API gave it; "
        "prefer `hero`, which gives every size and format.",
        "oneOf": [
            {"type": "null"},
            {
                "type": "object",
                "required": ["url", "full_url", "width", "height", "alt"],
                "properties": {
                    "url": {"type": "string", "format": "uri"},
                    "full_url": {"type": "string", "format": "uri"},
                    "width": {"type": "integer"},
                    "height": {"type": "integer"},
                    "alt": {"type": "string"},
                },
            },
        ],
    },
    "content_note_list": {
        "type": "array",
        "items": {"type": "string"},
        "description": "Notes to show before the story, e.g. 'Describes a panic attack'.",
    },
    "body": {"type": "array", "items": {"$ref": "#/components/schemas/BodyBlock"}},
    "theme_names": {"type": "array", "items": {"type": "string"}},
    "reading_time": {"type": "integer", "minimum": 1, "description": "Minutes."},
}


def _parameter(name, description, schema=None, where="query", required=False):
    return {
        "name": name,
        "in": where,
        "required": required,
        "description": description,
        "schema": schema or {"type": "string"},
    }


FIELDS = _parameter(
    "fields",
    "Comma-separated fields to add to each item (`body,hero`), `*` for all, "
    "`-title` to leave one out. A story's fields: " + ", ".join(STORY_FIELDS) + ".",
)
RICH_TEXT_FORMAT = _parameter(
    "rich_text_format",
    "How rich text in `body` is given.",
    {"enum": ["db_html", "html", "db_markdown", "markdown"], "default": "db_html"},
)
LISTING_PARAMETERS = [
    _parameter(
        "type",
        "Only pages of this type; `stories.StoryPage` for stories (and their fields).",
        {"type": "string", "examples": ["stories.StoryPage"]},
    ),
    FIELDS,
    _parameter("limit", "Items per answer.", {"type": "integer", "minimum": 1, "maximum": 100}),
    _parameter("offset", "Items to skip.", {"type": "integer", "minimum": 0}),
    _parameter(
        "order",
        "A field to order by (`title`, `-first_published_at`, `id`), or `random`.",
    ),
    _parameter(
        "search",
        'Words to search for (stemmed, "quoted phrases" as written); best match '
        "first unless `order` is given.",
    ),
    _parameter(
        "search_operator",
        "`and` (the default): pages matching every word, or when none does, those "
        "matching most; `or`: pages matching any.",
        {"enum": ["and", "or"], "default": "and"},
    ),
    _parameter("child_of", "Pages directly below this page id.", {"type": "integer"}),
    _parameter("descendant_of", "Pages anywhere below this page id.", {"type": "integer"}),
    _parameter("ancestor_of", "Pages above this page id.", {"type": "integer"}),
    _parameter("slug", "The page with this slug."),
    _parameter("title", "Pages with exactly this title."),
    RICH_TEXT_FORMAT,
]

ERROR_MESSAGE = {
    "type": "object",
    "required": ["message"],
    "properties": {"message": {"type": "string"}},
}
REFUSAL = {"type": "object", "required": ["detail"], "properties": {"detail": {"type": "string"}}}


def _json(schema_name, description):
    return {
        "description": description,
        "content": {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}
        },
    }


ERRORS = {
    "400": _json("Error", "A parameter the endpoint does not know, or a value it cannot use."),
    "403": _json(
        "Refusal",
        "The token is not valid, has been revoked, or its organisation is suspended. "
        "Requests without a token are never refused: they read what the public may.",
    ),
    "429": {
        **_json("Refusal", "Too many requests: each token has its own allowance per hour."),
        "headers": {
            "Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}
        },
    },
}


def _picture_schemas():
    source = {
        "type": "object",
        "required": ["url", "width", "height", "type"],
        "properties": {
            "url": {"type": "string", "format": "uri"},
            "width": {"type": "integer"},
            "height": {"type": "integer"},
            "type": {"enum": ["image/avif", "image/webp", "image/jpeg"]},
        },
    }
    picture = {
        "type": "object",
        "description": (
            "A picture, as the sizes the site itself shows. Addresses are absolute. "
            "A picture the public may see is at its public address. A picture of a "
            "story only your organisation's token may read is at a shared address "
            f"(`?{SHARED}=…`) that your readers' browsers may fetch without a token, "
            "for as long as your organisation may syndicate a live story showing it: "
            "after a withdrawal, a change of consent, a take-down, the token's "
            "revocation or the organisation's suspension it answers 404. Fetch the "
            "story again rather than keeping pictures."
        ),
        "required": ["id", "url", "width", "height", "alt", "credit", "sources"],
        "properties": {
            "id": {"type": "integer"},
            "url": {
                "type": "string",
                "format": "uri",
                "description": "The JPEG of the smallest size, for `<img src>`.",
            },
            "width": {"type": "integer"},
            "height": {"type": "integer"},
            "alt": {
                "type": "string",
                "description": "Alt text; empty for a picture that is decorative only.",
            },
            "credit": {"type": "string"},
            "sources": {
                "type": "array",
                "minItems": 1,
                "items": source,
                "description": "Every size and format, for `<picture>` and `srcset`.",
            },
        },
    }
    return {
        "Picture": picture,
        "PictureOrNothing": {
            "description": "A picture, or null when there is none for this reader.",
            "oneOf": [{"$ref": "#/components/schemas/Picture"}, {"type": "null"}],
        },
    }


def _page_schemas():
    meta = {
        "type": "object",
        "required": ["type", "detail_url"],
        "properties": {
            "type": {"type": "string", "examples": ["stories.StoryPage"]},
            "detail_url": {"type": "string", "format": "uri"},
            "html_url": {"type": ["string", "null"], "format": "uri"},
            "slug": {"type": "string"},
            "first_published_at": {"type": ["string", "null"], "format": "date-time"},
        },
    }
    page = {
        "type": "object",
        "description": "A page; the fields after `title` are a story's (`stories.StoryPage`).",
        "required": ["id", "meta"],
        "properties": {
            "id": {"type": "integer"},
            "meta": {"$ref": "#/components/schemas/PageMeta"},
            "title": {"type": "string"},
            **STORY_FIELDS,
        },
    }
    return {
        "PageMeta": meta,
        "Page": page,
        "PageListing": {
            "type": "object",
            "required": ["meta", "items"],
            "properties": {
                "meta": {
                    "type": "object",
                    "required": ["total_count"],
                    "properties": {"total_count": {"type": "integer", "minimum": 0}},
                },
                "items": {"type": "array", "items": {"$ref": "#/components/schemas/Page"}},
            },
        },
        "BodyBlock": {
            "oneOf": [
                {
                    "type": "object",
                    "description": shape.get("description", ""),
                    "required": ["type", "value", "id"],
                    "properties": {
                        "type": {"const": kind},
                        "value": {k: v for k, v in shape.items() if k != "description"},
                        "id": {"type": "string"},
                    },
                }
                for kind, shape in BODY_BLOCKS.items()
            ]
        },
    }


def openapi_document():
    """The OpenAPI description of what a partner's site uses, at the site's one address."""
    page_id = _parameter("id", "The page's id.", {"type": "integer"}, where="path", required=True)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Histories & Smiles stories API",
            "version": "2",
            "description": (
                "Read-only. Without a token, what the public may read. With your "
                "organisation's token (`Authorization: Bearer wagtail_…`, from the "
                "organisation's Readers and API access page), the stories your "
                "organisation may syndicate, as their storytellers' consent allows "
                "today: a story leaves the API the moment consent stops covering it."
            ),
        },
        "servers": [{"url": site_address()}],
        "security": [{}, {"organisationToken": []}],
        "paths": {
            "/api/v2/pages/": {
                "get": {
                    "operationId": "listPages",
                    "summary": "The pages and stories you may read",
                    "parameters": LISTING_PARAMETERS,
                    "responses": {"200": _json("PageListing", "The pages."), **ERRORS},
                }
            },
            "/api/v2/pages/{id}/": {
                "get": {
                    "operationId": "getPage",
                    "summary": "One page or story, with all its fields",
                    "parameters": [page_id, FIELDS, RICH_TEXT_FORMAT],
                    "responses": {
                        "200": _json("Page", "The page."),
                        "404": _json("Error", "No page with this id that you may read."),
                        **ERRORS,
                    },
                }
            },
            "/api/v2/pages/find/": {
                "get": {
                    "operationId": "findPage",
                    "summary": "Find a page by its address on the site, or its id",
                    "parameters": [
                        _parameter("html_path", "The page's path on the site, e.g. `/stories/x/`."),
                        _parameter("id", "The page's id.", {"type": "integer"}),
                    ],
                    "responses": {
                        "302": {
                            "description": "Found: the page's detail address.",
                            "headers": {
                                "Location": {"schema": {"type": "string", "format": "uri"}}
                            },
                        },
                        "404": _json("Error", "No such page that you may read."),
                        **ERRORS,
                    },
                }
            },
            "/api/v2/openapi.json": {
                "get": {
                    "operationId": "describeAPI",
                    "summary": "This document",
                    "security": [{}],
                    "responses": {
                        "200": {
                            "description": "The OpenAPI description.",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        }
                    },
                }
            },
        },
        "components": {
            "securitySchemes": {
                "organisationToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "An API token of a partner organisation.",
                }
            },
            "schemas": {
                "Error": ERROR_MESSAGE,
                "Refusal": REFUSAL,
                **_picture_schemas(),
                "Clip": CLIP,
                **_page_schemas(),
            },
        },
    }


@require_safe
def openapi_json(request):
    """`/api/v2/openapi.json`: the same for every reader, so kept like a public page."""
    return cache_publicly(JsonResponse(openapi_document(), json_dumps_params={"indent": 2}))
