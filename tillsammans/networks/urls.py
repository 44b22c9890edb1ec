from django.urls import path

from tillsammans.networks import views

app_name = "networks"

urlpatterns = [
    path("", views.network_list, name="network_list"),
    path("nytt/", views.network_create, name="network_create"),
    path("<int:pk>/", views.network_detail, name="network"),
    path("<int:pk>/planera-termin/", views.plan_term, name="plan_term"),
    path("moten/<int:pk>/", views.meeting_detail, name="meeting"),
]
