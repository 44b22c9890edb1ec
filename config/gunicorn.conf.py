"""gunicorn settings for production: `gunicorn -c config/gunicorn.conf.py config.wsgi:application`.

Sync workers, one persistent database connection each (CONN_MAX_AGE); put a reverse proxy in
front for TLS, slow clients and buffering (docs/deployment.md)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))  # PDF exports are the slowest requests
graceful_timeout = 30
max_requests = 2000  # recycle workers now and then (memory), with jitter so they do not all restart at once
max_requests_jitter = 200
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
# The path without its query string, and no referrer: a query string can hold a child's personal
# identity number (the log review's and the plan list's search) or a family's address (the public
# parenting-support catalogue promises that nothing written there is saved). The access log is
# an operations log, not the record of who read what: that is the access log in the database.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)ss'
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
raw_env = ["DJANGO_SETTINGS_MODULE=config.settings.production"]
