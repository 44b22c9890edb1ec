from django.urls import path

from tillsammans.planning import views

app_name = "planning"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("<int:pk>/", views.plan_detail, name="plan"),
    path("<int:pk>/aktivitet/", views.activity_add, name="activity_add"),
    path("<int:pk>/budget/", views.budget, name="budget"),
    path("<int:pk>/status/", views.transition, name="transition"),
    path("<int:pk>/export.<str:fmt>", views.export, name="export"),
]
