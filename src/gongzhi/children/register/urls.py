"""Child impact assessments (儿童影响评价), child-friendly spaces and projects, and the
per-village reports (same "children" namespace, under /children/)."""

from django.urls import path

from gongzhi.children.register import views

urlpatterns: list = [
    path("impact/", views.impact_list, name="impact_list"),
    path("impact/new/", views.impact_create, name="impact_create"),
    path("impact/checklist/", views.impact_checklist, name="impact_checklist"),
    path("impact/<int:pk>/", views.impact_detail, name="impact_detail"),
    path("impact/<int:pk>/answer/", views.impact_answer, name="impact_answer"),
    path("impact/<int:pk>/attach/", views.impact_attach, name="impact_attach"),
    path("impact/<int:pk>/review/", views.impact_review, name="impact_review"),
    path("impact/<int:pk>/evidence/<int:evidence_pk>/", views.impact_evidence, name="impact_evidence"),
    path("spaces/", views.space_list, name="space_list"),
    path("spaces/new/", views.space_create, name="space_create"),
    path("spaces/import/", views.space_import, name="space_import"),
    path("spaces/targets/", views.space_targets, name="space_targets"),
    path("spaces/<int:pk>/edit/", views.space_edit, name="space_edit"),
    path("villages/", views.village_report, name="space_village_report"),
]
