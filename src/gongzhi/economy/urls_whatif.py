from django.urls import path

from gongzhi.economy import report_views, whatif_views

# policy what-if scenarios, analysis report
urlpatterns: list = [
    path("whatif/", whatif_views.whatif_home, name="whatif"),
    path("whatif/<int:pk>/", whatif_views.whatif_detail, name="whatif_detail"),
    path("report/", report_views.report, name="report"),
    path("report/<int:pk>/download/", report_views.report_download, name="report_download"),
]
