from django.urls import path

from gongzhi.credit import views

app_name = "credit"

urlpatterns: list = [
    # credit registry, joint measures, the check and the ledger (credit/views.py)
    path("ratings/", views.ratings, name="ratings"),
    path("ratings/<str:uscc>/", views.rating_history, name="rating_history"),
    path("panel/<str:uscc>/", views.panel, name="panel"),
    path("check/", views.check, name="check"),
    path("checks/<int:pk>/", views.check_detail, name="check_detail"),
    path("ledger/", views.ledger, name="ledger"),
    path("measures/", views.measures, name="measures"),
    path("measures/new/", views.measure_edit, name="measure_new"),
    path("measures/<str:code>/", views.measure_edit, name="measure_edit"),
]
