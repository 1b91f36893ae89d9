"""URLs of the assistance list (税费协助事项清单), the look-up and the ledger."""

from django.urls import path

from gongzhi.cogov import views_assistance as views

urlpatterns = [
    path("assistance/", views.item_list, name="assistance_item_list"),
    path("assistance/items/new/", views.item_new, name="assistance_item_new"),
    path("assistance/items/<int:pk>/", views.item_detail, name="assistance_item_detail"),
    path("assistance/items/<int:pk>/change/", views.item_change, name="assistance_item_change"),
    path("assistance/items/<int:pk>/retire/", views.item_retire, name="assistance_item_retire"),
    path("assistance/versions/<int:pk>/approve/", views.version_approve, name="assistance_version_approve"),
    path("assistance/import/", views.list_import, name="assistance_import"),
    path("assistance/export.xlsx", views.list_export, name="assistance_export"),
    path("assistance/lookup/", views.lookup, name="assistance_lookup"),
    path("assistance/lookups/<int:pk>/", views.lookup_detail, name="assistance_lookup_detail"),
    path("assistance/ledger/", views.ledger, name="assistance_ledger"),
]
