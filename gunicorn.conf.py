"""gunicorn's settings for this project, read by gunicorn from the folder it starts in.

Its access and error logs pass the same filter as the site's own
(stories.log_privacy): the access log writes every address asked for, and a
storyteller's private link is one. Everything else comes from the command
line or GUNICORN_CMD_ARGS.
"""

logger_class = "stories.log_privacy.GunicornLogger"
