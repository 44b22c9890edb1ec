"""Login with a user name or an e-mail address, as the login form's label says."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend

from tillsammans.accounts.models import User


class UsernameOrEmailBackend(ModelBackend):
    """An entry with "@" is looked up as an e-mail address (case-insensitively). An address
    shared by several accounts logs nobody in: the person must use their user name."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and "@" in username:
            matches = list(User.objects.filter(email__iexact=username.strip())[:2])
            if len(matches) != 1:
                User().set_password(password)  # the same work as a real check (timing)
                return None
            username = matches[0].get_username()
        return super().authenticate(request, username=username, password=password, **kwargs)
