"""Gunicorn's settings, read by `gunicorn newsroom.wsgi` when started from this folder (flags on the command line or
in GUNICORN_CMD_ARGS override them).

A sync worker serves one connection at a time, so two clients sending their headers slowly take a two-worker site
offline. Threaded workers park idle connections without a thread; a client that has sent part of its headers still
holds one thread until it finishes, so a server rides out up to workers x threads slow clients (32 by default) and
no more: put a buffering proxy such as nginx in front in production (README, "Production"), which reads whole
requests before passing them on.
"""

import os

worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Each thread may keep a database connection open (CONN_MAX_AGE): workers x threads per app server.
threads = int(os.environ.get("GUNICORN_THREADS", "16"))
# Connections (idle keep-alive ones included) one worker keeps open at most.
worker_connections = 1000

# A request that takes longer than this is cut off and its worker restarted; shutdowns wait as long for requests.
timeout = 30
graceful_timeout = 30
keepalive = 5

# Refuse oversized requests before Django sees them (400): the request line, the number of headers and each header.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
