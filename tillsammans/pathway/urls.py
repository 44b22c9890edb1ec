from django.urls import path

from tillsammans.pathway import views, views_forum, views_structure

app_name = "pathway"

urlpatterns = [
    path("", views_structure.home, name="home"),
    path("handlingsvagledning/ny/", views_structure.pathway_create, name="pathway_create"),
    path("handlingsvagledning/<int:pk>/", views_structure.pathway_detail, name="pathway"),
    path("handlingsvagledning/<int:pk>/andra/", views_structure.pathway_edit, name="pathway_edit"),
    path("handlingsvagledning/<int:pk>/niva/<int:level_pk>/", views_structure.level_edit, name="level_edit"),
    path("handlingsvagledning/<int:pk>/versioner/", views_structure.versions, name="versions"),
    path("handlingsvagledning/<int:pk>/utskrift.pdf", views_structure.pathway_pdf, name="pathway_pdf"),
    path("matt/", views_structure.measures_page, name="measures"),
    path("oro/", views.worry_list, name="worry_list"),
    path("oro/ny/", views.worry_create, name="worry_create"),
    path("oro/<int:pk>/", views.worry_detail, name="worry"),
    path("oro/<int:pk>/andra/", views.worry_edit, name="worry_edit"),
    path("oro/<int:pk>/beslut/", views.worry_decide, name="worry_decide"),
    path("oro/<int:pk>/vardnadshavare/", views.guardian_add, name="guardian_add"),
    path("oro/<int:pk>/stafettlogg/", views.log_open, name="log_open"),
    path("oro/<int:pk>/personer/", views.member_add, name="member_add"),
    path("oro/<int:pk>/personer/<int:member_pk>/ta-bort/", views.member_remove, name="member_remove"),
    path("oro/<int:pk>/atgarder/", views.measure_add, name="measure_add"),
    path("oro/<int:pk>/atgarder/<int:measure_pk>/utvardera/", views.evaluate, name="evaluate"),
    path("oro/<int:pk>/samtycke/<int:consent_pk>/aterkalla/", views.consent_withdraw, name="consent_withdraw"),
    path("oro/<int:pk>/forum/", views_forum.request_add, name="request_add"),
    path("oro/<int:pk>/overlamning/", views_forum.handover_add, name="handover_add"),
    path("forum/", views_forum.forum_list, name="forum_list"),
    path("forum/<int:pk>/", views_forum.forum_detail, name="forum"),
    path("arenden/<int:pk>/", views_forum.request_detail, name="request"),
    path("arenden/<int:pk>/beslut/", views_forum.request_decide, name="request_decide"),
    path("arenden/<int:pk>/mote/", views_forum.request_schedule, name="request_schedule"),
    path("arenden/<int:pk>/samtycke/", views_forum.request_name, name="request_name"),
    path("arenden/<int:pk>/aterkalla/", views_forum.request_withdraw, name="request_withdraw"),
    path("arenden/<int:pk>/berattat/", views_forum.family_told, name="family_told"),
    path("overlamningar/<int:pk>/", views_forum.handover_confirm, name="handover_confirm"),
    path("overlamningar/<int:pk>/avbryt/", views_forum.handover_cancel, name="handover_cancel"),
]
