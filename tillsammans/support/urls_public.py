from django.urls import path

from tillsammans.support import views_public

app_name = "support_public"

urlpatterns = [
    path("", views_public.catalogue, name="catalogue"),
    path("<int:pk>/", views_public.offer_detail, name="offer"),
    path("<int:pk>/affisch.pdf", views_public.poster, name="poster"),
    path("grupp/<int:pk>/anmal/", views_public.signup, name="signup"),
    path("anmald/<str:token>/", views_public.signed_up, name="signed_up"),
    path("avboka/<str:token>/", views_public.cancel, name="cancel"),
    path("utvardering/<str:token>/", views_public.evaluation, name="evaluation"),
]
