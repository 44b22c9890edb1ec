from django.urls import path

from tillsammans.planning import views, views_more, views_projects, views_visions

app_name = "planning"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("oversikt/", views_more.overview, name="overview"),
    path("projekt/nytt/", views_projects.project_create, name="project_create"),
    path("malbilder/", views_visions.vision_list, name="vision_list"),
    path("malbilder/<int:pk>/", views_visions.vision_detail, name="vision"),
    path("<int:pk>/text/", views_more.sections, name="sections"),
    path("<int:pk>/tjanst/", views_more.post_add, name="post_add"),
    path("<int:pk>/budgetpost/", views_more.line_add, name="line_add"),
    path("<int:pk>/uppfoljning/<int:activity_pk>/", views_more.follow_up, name="follow_up"),
    path("<int:pk>/", views.plan_detail, name="plan"),
    path("<int:pk>/aktivitet/", views.activity_add, name="activity_add"),
    path("<int:pk>/budget/", views.budget, name="budget"),
    path("<int:pk>/status/", views.transition, name="transition"),
    path("<int:pk>/kommentar/", views.comment, name="comment"),
    path("<int:pk>/historik/", views.history, name="history"),
    path("<int:pk>/overfor/", views.carry_over, name="carry_over"),
    path("<int:pk>/export.<str:fmt>", views.export, name="export"),
]
