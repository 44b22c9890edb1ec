from django.urls import path

from tillsammans.insight import views, views_public, views_surveys

app_name = "insight"

urlpatterns = [
    path("insikt/", views.home, name="home"),
    path("insikt/enkater/", views_surveys.survey_list, name="survey_list"),
    path("insikt/enkater/ny/", views_surveys.survey_create, name="survey_create"),
    path("insikt/enkater/<int:pk>/", views_surveys.survey_detail, name="survey"),
    path("insikt/enkater/<int:pk>/andra/", views_surveys.survey_edit, name="survey_edit"),
    path("insikt/enkater/<int:pk>/oversattning/", views_surveys.survey_translate, name="survey_translate"),
    path("insikt/enkater/<int:pk>/fragor/ny/", views_surveys.question_add, name="question_add"),
    path("insikt/enkater/<int:pk>/fragor/<int:question_pk>/", views_surveys.question_edit, name="question_edit"),
    path("insikt/enkater/<int:pk>/fragor/<int:question_pk>/ta-bort/", views_surveys.question_remove,
         name="question_remove"),
    path("insikt/enkater/<int:pk>/fragor/<int:question_pk>/flytta/", views_surveys.question_move,
         name="question_move"),
    path("insikt/enkater/<int:pk>/oppna/", views_surveys.survey_open, name="survey_open"),
    path("insikt/enkater/<int:pk>/stang/", views_surveys.survey_close, name="survey_close"),
    path("insikt/enkater/<int:pk>/ta-bort/", views_surveys.survey_delete, name="survey_delete"),
    path("insikt/enkater/<int:pk>/lankar/", views_surveys.survey_links, name="survey_links"),
    path("insikt/enkater/<int:pk>/resultat/", views_surveys.survey_results, name="survey_results"),
    path("insikt/enkater/<int:pk>/fritext.csv", views_surveys.free_text_csv, name="free_text_csv"),
    path("insikt/enkater/<int:pk>/fritext.xlsx", views_surveys.free_text_xlsx, name="free_text_xlsx"),
    path("enkat/<str:token>/", views_public.answer, name="answer"),
]
