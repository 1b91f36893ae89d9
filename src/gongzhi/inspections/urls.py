"""Routes of inspections, rectification and cases: mounted under /supervision/ (paths unchanged
since the split from supervision), in the `inspections` namespace."""

from django.urls import path

from gongzhi.inspections import views

app_name = "inspections"

urlpatterns = [
    path("inspections/", views.inspection_list, name="inspection_list"),
    path("inspections/new/", views.inspection_create, name="inspection_create"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("rectifications/", views.rectification_list, name="rectification_list"),
    path("rectifications/<int:pk>/", views.rectification_detail, name="rectification_detail"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/new/", views.case_create, name="case_create"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("public/cases/", views.public_cases, name="public_cases"),
]
