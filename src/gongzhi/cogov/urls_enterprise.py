"""URLs of enterprise requests (企业诉求) under /cogov/enterprise/."""

from django.urls import path

from gongzhi.cogov import views_enterprise as views

urlpatterns = [
    path("enterprise/", views.enterprise_list, name="enterprise_list"),
    path("enterprise/new/", views.enterprise_create, name="enterprise_create"),
    path("enterprise/stats/", views.enterprise_stats, name="enterprise_stats"),
    path("enterprise/<int:pk>/", views.enterprise_detail, name="enterprise_detail"),
    path("enterprise/<int:pk>/route/", views.enterprise_route, name="enterprise_route"),
    path("enterprise/<int:pk>/answer/", views.enterprise_answer, name="enterprise_answer"),
    path("enterprise/<int:pk>/close/", views.enterprise_close, name="enterprise_close"),
    path("enterprise/<int:pk>/rate/", views.enterprise_rate, name="enterprise_rate"),
]
