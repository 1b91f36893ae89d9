from django.urls import path

from gongzhi.assessment import views

app_name = "assessment"

urlpatterns = [
    path("", views.scheme_list, name="scheme_list"),
    path("schemes/<str:code>/", views.scheme_detail, name="scheme_detail"),
    path("runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("runs/<int:pk>/unit/<int:unit_id>/", views.unit_score, name="unit_score"),
    path("manual/<int:pk>/", views.manual_detail, name="manual_detail"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("notices/", views.notice_list, name="notice_list"),
    path("notices/<int:pk>/", views.notice_detail, name="notice_detail"),
    path("notices/<int:pk>/notice.docx", views.notice_docx, name="notice_docx"),
]
