from django.urls import path

from tillsammans.concerns import views, views_intake, views_public, views_stats

app_name = "concerns"

urlpatterns = [
    path("", views_public.public_report, name="public"),
    path("ny/", views.report_new, name="new"),
    path("mina/", views.my_reports, name="mine"),
    path("mina/<int:pk>/", views.receipt, name="receipt"),
    path("mottagning/", views_intake.queue, name="queue"),
    path("mottagning/installningar/", views_intake.settings_page, name="settings"),
    path("mottagning/<int:pk>/", views_intake.detail, name="intake_detail"),
    path("mottagning/<int:pk>/skyddsbedomning/", views_intake.assess, name="assess"),
    path("mottagning/<int:pk>/beslut/", views_intake.decide, name="decide"),
    path("mottagning/<int:pk>/forlang/", views_intake.extend, name="extend"),
    path("mottagning/<int:pk>/skicka-vidare/", views_intake.forward, name="forward"),
    path("mottagning/<int:pk>/aterkoppling/", views_intake.feedback, name="feedback"),
    path("mottagning/<int:pk>/beratta-for-sip/", views_intake.sip_tell, name="sip_tell"),
    path("statistik/", views_stats.statistics_page, name="statistics"),
]
