from django.urls import path

from gongzhi.meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path("new/", views.meeting_create, name="meeting_create"),
    path("<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("<int:pk>/minutes.docx", views.minutes_download, name="minutes_download"),
    path("decisions/", views.decision_list, name="decision_list"),
]
