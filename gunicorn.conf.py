"""gunicorn's settings for this project, read by gunicorn from the folder it starts in.

Workers run threads (gthread), not gunicorn's default sync workers. A browser
opens connections before it needs them and may leave them idle for seconds
(Chromium keeps an unused one for ten); a sync worker that accepts one waits
on it and answers nobody else meanwhile, so a few such connections stalled
every reader's page. A threaded worker gives such a connection one thread
for a few seconds, then sets it aside until a request arrives on it, while
its other threads answer. GUNICORN_CMD_ARGS or the command line may say
otherwise (`--threads 8`). Each thread keeps a database connection of its
own (DATABASE_CONN_MAX_AGE): workers × threads in all.

Its access and error logs pass the same filter as the site's own
(stories.log_privacy): the access log writes every address asked for, and a
storyteller's private link is one. Everything else comes from the command
line or GUNICORN_CMD_ARGS.
"""

worker_class = "gthread"
threads = 4
logger_class = "stories.log_privacy.GunicornLogger"
