from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tillsammans.core"
    label = "core"
    verbose_name = "Kärna"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from tillsammans.core import access, fragments, overview, pii
        from tillsammans.core.text import register_sqlite_collation

        access.autodiscover_policies()
        overview.autodiscover()
        pii.autodiscover()
        fragments.connect()
        connection_created.connect(register_sqlite_collation, dispatch_uid="swedish-collation")
