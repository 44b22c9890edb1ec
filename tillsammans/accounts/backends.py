"""Login with a user name or an e-mail address, as the login form's label says; and loading the
logged-in person on each request together with their current memberships (one query, not two)."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend

from tillsammans.accounts.models import User


class LoadsMemberships:
    """``get_user`` for every request: the person and their current memberships in one query
    (``selectors.memberships_of`` then finds them on the user), the person alone if they have none."""

    def get_user(self, user_id):
        from tillsammans.accounts.selectors import with_current_memberships

        user = with_current_memberships(user_id)
        return user if user is not None and user.is_active else None


class UsernameOrEmailBackend(LoadsMemberships, ModelBackend):
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
