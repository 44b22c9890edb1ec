from django.urls import path

from tillsammans.logreview import views

app_name = "logreview"

urlpatterns = [
    path("", views.review, name="review"),
    path("granskning/", views.review_add, name="review_add"),
    path("utdrag/", views.extract, name="extract"),
]
