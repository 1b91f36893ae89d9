from django.urls import path

from gongzhi.supervision import setup_views, views, views_funding

app_name = "supervision"

urlpatterns = [
    path("todo/", views.todo, name="todo"),
    path("plans/<int:pk>/", views.plan_dashboard, name="plan_dashboard"),
    path("plans/<int:pk>/setup/", setup_views.plan_setup, name="plan_setup"),
    path("plans/<int:pk>/summary/", views.leader_summary, name="leader_summary"),
    path("plans/<int:pk>/indicators/", views.indicator_list, name="indicator_list"),
    path("plans/<int:pk>/rounds/", views.round_list, name="round_list"),
    path("plans/<int:pk>/orders/new/", views.order_create, name="order_create"),
    path("tasks/<int:pk>/", views.task_monitor, name="task_monitor"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator_detail"),
    path("rounds/<int:pk>/", views.round_detail, name="round_detail"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("orders/", views.order_list, name="order_list"),
    path("orders/<int:pk>/", views.order_detail, name="order_detail"),
    path("orders/<int:pk>/print.docx", views.export_order, name="export_order"),
    path("tasks/<int:pk>/funding/", views_funding.task_funding, name="task_funding"),
    path("plans/<int:pk>/funding/", views_funding.plan_funding, name="plan_funding"),
    path("plans/<int:pk>/funding/template.xlsx", views_funding.funding_template, name="funding_template"),
    path("plans/<int:pk>/publicity/", views_funding.plan_publicity, name="plan_publicity"),
    path("plans/<int:pk>/bundle/", views_funding.plan_bundle, name="plan_bundle"),
    path("bundles/<int:pk>/download/", views_funding.bundle_download, name="bundle_download"),
    path("plans/<int:pk>/ledger.xlsx", views.export_ledger, name="export_ledger"),
    path("plans/<int:pk>/indicators.xlsx", views.export_indicators, name="export_indicators"),
    path("rounds/<int:pk>/report.docx", views.export_round_report, name="export_round_report"),
    path("rounds/<int:pk>/notice.docx", views.export_round_notice, name="export_round_notice"),
]
