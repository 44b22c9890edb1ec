from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "tillsammans.insight"
    label = "insight"
    verbose_name = "Kartläggning, enkäter och uppföljning"
