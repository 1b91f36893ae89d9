from django.urls import path

from gongzhi.exchange import views

app_name = "exchange"

urlpatterns = [
    path("", views.catalog, name="catalog"),
    path("catalog/upload/", views.catalog_upload, name="catalog_upload"),
    path("catalog/export.<str:fmt>", views.catalog_export, name="catalog_export"),
    path("datasets/<str:code>/", views.dataset_detail, name="dataset_detail"),
    path("datasets/<str:code>/template.xlsx", views.dataset_template, name="dataset_template"),
    path("datasets/<str:code>/submit/", views.submission_upload, name="submission_upload"),
    path("datasets/<str:code>/rows/", views.dataset_rows, name="dataset_rows"),
    path("datasets/<str:code>/grants/", views.grant_request, name="grant_request"),
    path("submissions/", views.submission_list, name="submission_list"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("submissions/<int:pk>/report.xlsx", views.submission_report, name="submission_report"),
    path("grants/", views.grant_list, name="grant_list"),
    path("grants/<int:pk>/decide/", views.grant_decide, name="grant_decide"),
    path("quality/", views.quality, name="quality"),
    path("quality/notice.docx", views.quality_notice_docx, name="quality_notice_docx"),
    path("lookup/", views.lookup, name="lookup"),
]
