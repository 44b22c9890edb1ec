"""The test identity provider's pages: pick a fictional identity (a stand-in for BankID/Freja), then
the OIDC provider library's own authorization, token and key endpoints."""

from __future__ import annotations

from django import forms
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from oauth2_provider.views import AuthorizationView

from tillsammans.core import identity
from tillsammans.core.access import PUBLIC, policy
from tillsammans.family.testidp import identities

PICKED_KEY = "test_e_id_number"


class PickForm(forms.Form):
    personal_number = forms.CharField(label="Personnummer (testnummer)", max_length=13,
                                      widget=forms.TextInput(attrs={"class": "ds-input", "autocomplete": "off",
                                                                    "inputmode": "numeric"}))

    def clean_personal_number(self):
        try:
            return identity.normalise(self.cleaned_data["personal_number"])
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from None


@policy(PUBLIC)
def pick(request):
    """Who are you? Choose a fictional test identity – nothing here is a real e-ID."""
    from tillsammans.family.demo import DEMO_IDENTITIES

    next_url = request.POST.get("next") or request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = ""
    initial = request.POST.get("personal_number") or request.GET.get("personnummer", "")
    form = PickForm(request.POST or None, initial={"personal_number": initial})
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["personal_number"]
        identities.user_for(number, touch=True)
        request.session[PICKED_KEY] = number
        return redirect(next_url or "testidp:pick")
    return render(request, "testidp/pick.html", {
        "form": form, "next": next_url, "demo": [(identity.display(n), text) for n, text in DEMO_IDENTITIES]},
        status=400 if form.errors else 200)


@policy(PUBLIC)
class Authorize(AuthorizationView):
    """The library's authorization endpoint; "who is logged in" is the picked test identity."""

    login_url = reverse_lazy("testidp:pick")

    def dispatch(self, request, *args, **kwargs):
        number = request.session.get(PICKED_KEY)
        request.user = identities.user_for(number) if number else AnonymousUser()
        return super().dispatch(request, *args, **kwargs)
