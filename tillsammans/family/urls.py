from django.urls import path

from tillsammans.family import views, views_consent, views_plan

app_name = "family"

urlpatterns = [
    path("", views.home, name="home"),
    path("logga-in/", views.login, name="login"),
    path("e-legitimation/", views.start, name="start"),
    path("e-legitimation/svar/", views.callback, name="callback"),
    path("logga-ut/", views.logout, name="logout"),
    path("sprak/", views.language, name="language"),
    path("aviseringar/", views_plan.notices, name="notices"),
    path("plan/<int:pk>/", views_plan.plan, name="plan"),
    path("plan/<int:pk>/pdf/", views_plan.plan_pdf, name="plan_pdf"),
    path("plan/<int:pk>/logg/", views_plan.access_log, name="log"),
    path("plan/<int:pk>/egna-ord/", views_plan.own_words, name="own_words"),
    path("plan/<int:pk>/mabra/", views_plan.rating, name="rating"),
    path("plan/<int:pk>/moten/<int:meeting_pk>/svar/", views_plan.meeting_answer, name="meeting_answer"),
    path("plan/<int:pk>/moten/<int:meeting_pk>/amne/", views_plan.topic, name="topic"),
    path("plan/<int:pk>/samtycke/", views_consent.consents, name="consents"),
    path("plan/<int:pk>/samtycke/nytt/", views_consent.give, name="consent_give"),
    path("plan/<int:pk>/samtycke/eget/", views_consent.own, name="consent_own"),
    path("plan/<int:pk>/samtycke/invandning/", views_consent.object_to, name="objection"),
    path("plan/<int:pk>/samtycke/<int:consent_pk>/instam/", views_consent.join, name="consent_join"),
    path("plan/<int:pk>/samtycke/<int:consent_pk>/aterkalla/", views_consent.withdraw, name="consent_withdraw"),
]
