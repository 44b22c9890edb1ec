from django.urls import path

from tillsammans.events import views, views_competence, views_public

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("nytt/", views.event_create, name="event_create"),
    path("<int:pk>/", views.event_detail, name="event"),
    path("<int:pk>/andra/", views.event_edit, name="event_edit"),
    path("<int:pk>/stall-in/", views.event_cancel, name="event_cancel"),
    path("<int:pk>/anmal/", views.register, name="register"),
    path("<int:pk>/bjud-in/", views.announce, name="announce"),
    path("<int:pk>/avanmal/", views.unregister, name="unregister"),
    path("<int:pk>/narvaro/", views.attendance, name="attendance"),
    path("<int:pk>/narvaro.xlsx", views.attendance_export, name="attendance_export"),
    path("anmalningar/<int:pk>/intyg.pdf", views.certificate, name="certificate"),
    path("serier/ny/", views.series_create, name="series_create"),
    path("serier/<int:pk>/", views.series_detail, name="series"),
    path("serier/<int:pk>/andra/", views.series_edit, name="series_edit"),
    path("<int:pk>/gast/", views_public.guest_register, name="guest_register"),
    path("anmald/<str:token>/", views_public.guest_registered, name="guest_registered"),
    path("avboka/<str:token>/", views_public.cancel_by_link, name="cancel_by_link"),
    path("utvardering/<str:token>/", views_public.feedback, name="feedback"),
    path("intyg/<str:token>.pdf", views_public.certificate_by_link, name="certificate_by_link"),
    path("kompetens/", views_competence.coverage, name="coverage"),
    path("kompetens/krav/<int:pk>/", views_competence.coverage_detail, name="coverage_detail"),
    path("kompetens/kurser/", views_competence.courses, name="courses"),
    path("kompetens/kurser/<int:pk>/", views_competence.course_edit, name="course_edit"),
    path("kompetens/krav/<int:pk>/ta-bort/", views_competence.requirement_remove, name="requirement_remove"),
    path("kompetens/genomford/<int:pk>/ta-bort/", views_competence.completion_remove, name="completion_remove"),
]
