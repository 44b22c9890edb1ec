from django.urls import path

from tillsammans.networks import views, views_actions, views_changes, views_term

app_name = "networks"

urlpatterns = [
    path("", views.network_list, name="network_list"),
    path("nytt/", views.network_create, name="network_create"),
    path("<int:pk>/", views.network_detail, name="network"),
    path("<int:pk>/planera-termin/", views_term.plan_term, name="plan_term"),
    path("moten/<int:pk>/", views.meeting_detail, name="meeting"),
    path("moten/<int:pk>/flytta/", views_changes.meeting_move, name="meeting_move"),
    path("moten/<int:pk>/stall-in/", views_changes.meeting_cancel, name="meeting_cancel"),
    path("moten/<int:pk>/narvaro/", views_actions.attendance, name="attendance"),
    path("moten/<int:pk>/svar/", views_actions.respond, name="respond"),
    path("kalender/omrade/<int:pk>/", views_actions.area_calendar, name="area_calendar"),
    path("moten/<int:pk>/atgarder/", views_actions.action_add, name="action_add"),
    path("atgarder/<int:pk>/klar/", views_actions.action_done, name="action_done"),
    path("kalender/", views_actions.my_calendar, name="my_calendar"),
    path("kalender/<str:token>.ics", views_actions.calendar_feed, name="calendar_feed"),
]
