from django.urls import path

from tillsammans.support import views, views_groups, views_pool

app_name = "support"

urlpatterns = [
    path("", views.offer_list, name="offer_list"),
    path("erbjudanden/nytt/", views.offer_create, name="offer_create"),
    path("erbjudanden/<int:pk>/", views.offer_manage, name="offer"),
    path("erbjudanden/<int:pk>/andra/", views.offer_edit, name="offer_edit"),
    path("erbjudanden/<int:pk>/text/<str:language>/", views.offer_text, name="offer_text"),
    path("erbjudanden/<int:pk>/publicera/", views.offer_publish, name="offer_publish"),
    path("erbjudanden/<int:pk>/avsluta/", views.offer_end, name="offer_end"),
    path("erbjudanden/<int:pk>/skicka/", views.offer_send, name="offer_send"),
    path("program/", views.programme_list, name="programme_list"),
    path("program/nytt/", views.programme_edit, name="programme_create"),
    path("program/<int:pk>/", views.programme_edit, name="programme_edit"),
    path("grupper/", views_groups.group_list, name="group_list"),
    path("grupper/ny/", views_groups.group_create, name="group_create"),
    path("grupper/<int:pk>/", views_groups.group_detail, name="group"),
    path("grupper/<int:pk>/andra/", views_groups.group_edit, name="group_edit"),
    path("grupper/<int:pk>/stall-in/", views_groups.group_cancel, name="group_cancel"),
    path("grupper/<int:pk>/anmal/", views_groups.participant_add, name="participant_add"),
    path("grupper/<int:pk>/sammankomster/ny/", views_groups.session_add, name="session_add"),
    path("sammankomster/<int:pk>/andra/", views_groups.session_edit, name="session_edit"),
    path("sammankomster/<int:pk>/stall-in/", views_groups.session_cancel, name="session_cancel"),
    path("sammankomster/<int:pk>/narvaro/", views_groups.attendance, name="attendance"),
    path("deltagare/<int:pk>/avboka/", views_groups.participant_cancel, name="participant_cancel"),
    path("gruppledare/", views_pool.leader_list, name="leader_list"),
    path("gruppledare/ny/", views_pool.leader_create, name="leader_create"),
    path("gruppledare/<int:pk>/", views_pool.leader_detail, name="leader"),
    path("gruppledare/<int:pk>/ta-bort/", views_pool.leader_remove, name="leader_remove"),
    path("material/", views_pool.material_list, name="material_list"),
    path("material/nytt/", views_pool.material_edit, name="material_create"),
    path("material/<int:pk>/", views_pool.material_detail, name="material"),
    path("material/<int:pk>/andra/", views_pool.material_edit, name="material_edit"),
    path("lager/<int:pk>/ta-bort/", views_pool.stock_entry_remove, name="stock_entry_remove"),
    path("statistik/", views_pool.statistics, name="statistics"),
]
