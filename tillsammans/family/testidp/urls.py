from django.urls import path
from oauth2_provider import views as provider

from tillsammans.core.access import PUBLIC, mark_patterns
from tillsammans.family.testidp import views

app_name = "testidp"

urlpatterns = mark_patterns([
    path("", views.pick, name="pick"),
    path("authorize/", views.Authorize.as_view(), name="authorize"),
    path("token/", provider.TokenView.as_view(), name="token"),
    path("jwks/", provider.JwksInfoView.as_view(), name="jwks"),
], PUBLIC)
