from django.urls import path

from gongzhi.cogov import views_matters as views

urlpatterns = [
    path("matters/", views.matters_list, name="matters_list"),
    path("matters/new/", views.matters_new, name="matters_new"),
    path("matters/<int:pk>/", views.matters_detail, name="matters_detail"),
    path(
        "matters/<int:pk>/acknowledge/",
        views.matters_act,
        {"action": "acknowledge"},
        name="matters_acknowledge",
    ),
    path("matters/<int:pk>/assign/", views.matters_act, {"action": "assign"}, name="matters_assign"),
    path("matters/<int:pk>/close/", views.matters_act, {"action": "close"}, name="matters_close"),
    path("matters/attachments/<int:pk>/", views.matters_attachment, name="matters_attachment"),
]
