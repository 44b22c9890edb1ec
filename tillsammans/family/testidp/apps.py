from django.apps import AppConfig


class TestIdpConfig(AppConfig):
    name = "tillsammans.family.testidp"
    label = "testidp"
    verbose_name = "Test-e-legitimation"
