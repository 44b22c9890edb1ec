from django.urls import path

from tillsammans.planning import views, views_entries, views_overview, views_projects, views_templates, views_visions

app_name = "planning"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("ny/", views.plan_create, name="plan_create"),
    path("oversikt/", views_overview.overview, name="overview"),
    path("mallar/", views_templates.template_list, name="template_list"),
    path("mallar/ny/", views_templates.template_new, name="template_new"),
    path("mallar/<int:pk>/", views_templates.template_edit, name="template_edit"),
    path("mallar/<int:pk>/kopiera/", views_templates.template_copy_next, name="template_copy"),
    path("projekt/nytt/", views_projects.project_create, name="project_create"),
    path("malbilder/", views_visions.vision_list, name="vision_list"),
    path("malbilder/<int:pk>/", views_visions.vision_detail, name="vision"),
    path("<int:pk>/text/", views_entries.sections, name="sections"),
    path("<int:pk>/tjanst/", views_entries.post_add, name="post_add"),
    path("<int:pk>/tjanst/<int:post_pk>/", views_entries.post_edit, name="post_edit"),
    path("<int:pk>/budgetpost/", views_entries.line_add, name="line_add"),
    path("<int:pk>/budgetpost/<int:line_pk>/", views_entries.line_edit, name="line_edit"),
    path("<int:pk>/uppfoljning/<int:activity_pk>/", views_entries.follow_up, name="follow_up"),
    path("<int:pk>/", views.plan_detail, name="plan"),
    path("<int:pk>/aktivitet/", views_entries.activity_add, name="activity_add"),
    path("<int:pk>/aktivitet/<int:activity_pk>/", views_entries.activity_edit, name="activity_edit"),
    path("<int:pk>/ta-bort/<str:kind>/<int:item_pk>/", views_entries.remove, name="remove"),
    path("<int:pk>/budget/", views.budget, name="budget"),
    path("<int:pk>/status/", views.transition, name="transition"),
    path("<int:pk>/ateroppna/", views.reopen, name="reopen"),
    path("<int:pk>/kommentar/", views.comment, name="comment"),
    path("<int:pk>/historik/", views.history, name="history"),
    path("<int:pk>/overfor/", views.carry_over, name="carry_over"),
    path("<int:pk>/export.<str:fmt>", views.export, name="export"),
]
