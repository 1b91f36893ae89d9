from django.urls import path

from gongzhi.workspace import views

app_name = "workspace"

urlpatterns = [
    path("", views.home, name="home"),
    # 单位工作台: under /org/ since it is a unit's page, here since it shows accounts and tokens
    path("org/units/<int:pk>/workspace/", views.unit_workspace, name="unit_workspace"),
]
