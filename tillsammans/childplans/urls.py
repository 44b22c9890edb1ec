from django.urls import path

from tillsammans.childplans import views, views_family, views_goals, views_meetings, views_versions

app_name = "childplans"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("sok/", views.search, name="search"),
    path("starta/", views.start, name="start"),
    path("nodatkomst/", views.emergency, name="emergency"),
    path("<int:pk>/", views.plan_detail, name="plan"),
    path("<int:pk>/andra/", views.plan_update, name="plan_update"),
    path("<int:pk>/vardnadshavare/", views.guardian_add, name="guardian_add"),
    path("<int:pk>/samtycke/", views.consent_add, name="consent_add"),
    path("<int:pk>/samtycke/<int:consent_pk>/aterkalla/", views.consent_withdraw, name="consent_withdraw"),
    path("<int:pk>/deltagare/", views.participant_add, name="participant_add"),
    path("<int:pk>/mal/", views_goals.goal_add, name="goal_add"),
    path("<int:pk>/insatser/", views_goals.intervention_add, name="intervention_add"),
    path("<int:pk>/valbefinnande/", views_goals.assessment_add, name="assessment_add"),
    path("<int:pk>/familjekopia/", views_family.family_copy, name="family_copy"),
    path("<int:pk>/versioner/", views_versions.history, name="history"),
    path("<int:pk>/moten/", views_meetings.meeting_add, name="meeting_add"),
    path("<int:pk>/moten/<int:meeting_pk>/svar/", views_meetings.meeting_respond, name="meeting_respond"),
    path("<int:pk>/moten/<int:meeting_pk>/flytta/", views_meetings.meeting_move, name="meeting_move"),
    path("<int:pk>/moten/<int:meeting_pk>/stall-in/", views_meetings.meeting_cancel, name="meeting_cancel"),
    path("<int:pk>/bekrafta/", views_versions.confirm, name="confirm"),
]
