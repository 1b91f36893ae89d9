from django.urls import path

from gongzhi.org import views

app_name = "org"

urlpatterns = [
    path("units/", views.unit_list, name="unit_list"),
    path("units/new/", views.unit_create, name="unit_create"),
    path("units/upload/", views.units_upload, name="units_upload"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("groups/", views.group_list, name="group_list"),
    path("groups/<int:pk>/", views.group_detail, name="group_detail"),
    path("groups/<int:pk>/members/add/", views.membership_add, name="membership_add"),
    path("memberships/<int:pk>/", views.membership_edit, name="membership_edit"),
]
