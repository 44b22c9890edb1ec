from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tillsammans.accounts"
    label = "accounts"
    verbose_name = "Konton"
