from django.urls import path

from tillsammans.accounts import views

app_name = "accounts"

urlpatterns = [
    path("logga-in/", views.PasswordLoginView.as_view(), name="login"),
    path("verifiera/", views.verify, name="verify"),
    path("logga-ut/", views.logout, name="logout"),
    path("roll/", views.choose_role, name="choose_role"),
    path("andra-faktor/<str:token>/", views.enrol, name="enrol"),
]
