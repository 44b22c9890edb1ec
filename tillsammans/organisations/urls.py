from django.urls import path

from tillsammans.organisations import views, views_edit, views_import

app_name = "organisations"

urlpatterns = [
    path("vem-gor-vad/", views.directory, name="directory"),
    path("huvudman/", views.principal_list, name="principal_list"),
    path("huvudman/<int:pk>/", views.principal_detail, name="principal_detail"),
    path("enheter/", views.unit_list, name="unit_list"),
    path("enheter/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("omraden/", views.area_list, name="area_list"),
    path("omraden/<int:pk>/", views.area_detail, name="area_detail"),
    path("enheter/import/", views_import.import_page, name="unit_import"),
    path("enheter/ny/", views_edit.unit_create, name="unit_create"),
    path("enheter/<int:pk>/andra/", views_edit.unit_edit, name="unit_edit"),
    path("enheter/<int:pk>/avsluta/", views_edit.unit_end, name="unit_end"),
    path("omraden/nytt/", views_edit.area_create, name="area_create"),
    path("omraden/<int:pk>/andra/", views_edit.area_edit, name="area_edit"),
    path("huvudman/ny/", views_edit.principal_create, name="principal_create"),
    path("huvudman/<int:pk>/andra/", views_edit.principal_edit, name="principal_edit"),
    path("huvudman/<int:pk>/myndighet/ny/", views_edit.authority_create, name="authority_create"),
]
