from django.urls import path

from gongzhi.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("upload/", views.plan_upload, name="plan_upload"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("imports/<int:pk>/status/", views.import_status, name="import_status"),
    path("imports/<int:pk>/cancel/", views.import_cancel, name="import_cancel"),
    path("imports/<int:pk>/review/<int:doc>/", views.import_review, name="import_review"),
    path("imports/<int:pk>/review/<int:doc>/units/", views.import_decide_unit, name="import_decide_unit"),
    path(
        "imports/<int:pk>/review/<int:doc>/tasks/<int:task>/targets/",
        views.import_edit_target,
        name="import_edit_target",
    ),
    path("imports/<int:pk>/review/<int:doc>/confirm/", views.import_confirm, name="import_confirm"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/source/", views.plan_source, name="plan_source"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("units/<int:unit_id>/", views.unit_tasks, name="unit_tasks"),
    path("mine/", views.my_tasks, name="my_tasks"),
    path("lessons/", views.lesson_list, name="lesson_list"),
    path("lessons/<int:pk>/toggle/", views.lesson_toggle, name="lesson_toggle"),
]
