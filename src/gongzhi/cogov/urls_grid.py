from django.urls import path

from gongzhi.cogov import views_grid as views

urlpatterns = [
    path("grid/tasks/", views.task_list, name="grid_task_list"),
    path("grid/tasks/new/", views.task_create, name="grid_task_create"),
    path("grid/tasks/registry/", views.task_registry, name="grid_task_registry"),
    path("grid/tasks/<int:pk>/", views.task_detail, name="grid_task_detail"),
    path("grid/tasks/<int:pk>/dispatch/", views.task_dispatch, name="grid_task_dispatch"),
    path("grid/tasks/<int:pk>/work/", views.task_work, name="grid_task_work"),
    path("grid/tasks/<int:pk>/review/", views.task_review, name="grid_task_review"),
    path("grid/photos/<int:pk>/", views.photo, name="grid_photo"),
    path("grid/grids/", views.grid_list, name="grid_list"),
    path("grid/grids/<int:pk>/", views.grid_edit, name="grid_edit"),
    path("grid/stats/", views.stats, name="grid_stats"),
    path("grid/taxpayers/<str:uscc>/", views.taxpayer, name="grid_taxpayer"),
]
