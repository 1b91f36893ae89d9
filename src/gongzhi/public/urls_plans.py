"""The plans for citizens: progress, targets, good-practice cases (no login)."""

from django.urls import path

from gongzhi.public import views_plans

urlpatterns: list = [
    path("plans/", views_plans.plan_index, name="plan_index"),
    path("plans/<int:pk>/", views_plans.plan_detail, name="plan_detail"),
]
