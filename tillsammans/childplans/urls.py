from django.urls import path

from tillsammans.childplans import (
    views,
    views_emergency,
    views_family,
    views_goals,
    views_meeting_records,
    views_meetings,
    views_versions,
    views_voice,
)

app_name = "childplans"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("sok/", views.search, name="search"),
    path("starta/", views.start, name="start"),
    path("nodatkomst/", views_emergency.emergency, name="emergency"),
    path("nodatkomst/att-bekrafta/", views_emergency.to_confirm, name="emergency_to_confirm"),
    path("nodatkomst/<int:access_pk>/bekrafta/", views_emergency.confirm, name="emergency_confirm"),
    path("ung/", views_voice.young_request, name="young_request"),
    path("ung/forfragningar/", views_voice.young_requests, name="young_requests"),
    path("ung/<int:request_pk>/ta-emot/", views_voice.young_request_accept, name="young_request_accept"),
    path("<int:pk>/", views.plan_detail, name="plan"),
    path("<int:pk>/invandning/", views_voice.objection_add, name="objection_add"),
    path("<int:pk>/invandning/<int:objection_pk>/beslut/", views_voice.objection_decide,
         name="objection_decide"),
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
    path("<int:pk>/moten/<int:meeting_pk>/anteckning/", views_meeting_records.meeting_record,
         name="meeting_record"),
    path("<int:pk>/moten/<int:meeting_pk>/bjud-in-familjen/", views_meeting_records.invite_family,
         name="meeting_invite_family"),
]
