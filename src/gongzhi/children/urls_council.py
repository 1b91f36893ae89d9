"""Children's councils (儿童议事会), their members and sessions, and children's suggestions."""

from django.urls import path

from gongzhi.children import views

urlpatterns: list = [
    path("", views.council_list, name="council_list"),
    path("councils/new/", views.council_create, name="council_create"),
    path("councils/<int:pk>/", views.council_detail, name="council_detail"),
    path("councils/<int:pk>/members/", views.council_members, name="council_members"),
    path("councils/<int:pk>/sessions/", views.session_add, name="session_add"),
    path("members/<int:pk>/leave/", views.member_leave, name="member_leave"),
    path("suggestions/", views.suggestion_list, name="suggestion_list"),
    path("suggestions/<int:pk>/", views.suggestion_detail, name="suggestion_detail"),
    path("suggestions/<int:pk>/route/", views.suggestion_route, name="suggestion_route"),
    path("suggestions/<int:pk>/answer/", views.suggestion_answer, name="suggestion_answer"),
    path("suggestions/<int:pk>/publish/", views.suggestion_publish, name="suggestion_publish"),
]
