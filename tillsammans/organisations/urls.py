from django.urls import path

from tillsammans.organisations import views

app_name = "organisations"

urlpatterns = [
    path("vem-gor-vad/", views.directory, name="directory"),
    path("huvudman/", views.principal_list, name="principal_list"),
    path("huvudman/<int:pk>/", views.principal_detail, name="principal_detail"),
    path("enheter/", views.unit_list, name="unit_list"),
    path("enheter/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("omraden/", views.area_list, name="area_list"),
    path("omraden/<int:pk>/", views.area_detail, name="area_detail"),
]
