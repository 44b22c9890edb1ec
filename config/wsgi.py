import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
application = get_wsgi_application()


def _freeze_loaded_code() -> None:
    """Load every view (the URL configuration imports them) and move all objects that exist now –
    modules, classes, functions, settings – out of the garbage collector's reach: they live as long
    as the process, and each full collection walked all of them again, inside some request."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every view module
    gc.collect()
    gc.freeze()


_freeze_loaded_code()
