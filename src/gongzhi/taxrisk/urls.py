from django.urls import path

from gongzhi.taxrisk import views

app_name = "taxrisk"

urlpatterns = [
    path("leads/", views.lead_list, name="lead_list"),
    path("leads/<int:pk>/", views.lead_detail, name="lead_detail"),
    path("rules/", views.rule_list, name="rule_list"),
    path("rules/<str:code>/", views.rule_edit, name="rule_edit"),
    path("runs/", views.run_list, name="run_list"),
    path("runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("industries/<str:key>/", views.industry, name="industry"),
]
