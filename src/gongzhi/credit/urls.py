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

# published A/D lists and credit repair (credit/views_lists.py)
from gongzhi.credit import views_lists  # noqa: E402

urlpatterns += [
    path("lists/", views_lists.list_home, name="list_home"),
    path("lists/draft/", views_lists.list_draft, name="list_draft"),
    path("lists/revisions/<int:pk>/", views_lists.list_revision, name="list_revision"),
    path("lists/revisions/<int:pk>/xlsx/", views_lists.list_revision_xlsx, name="list_revision_xlsx"),
    path("repairs/", views_lists.repair_list, name="repair_list"),
    path("repairs/new/", views_lists.repair_new, name="repair_new"),
    path("repairs/<int:pk>/", views_lists.repair_detail, name="repair_detail"),
]

# preferential-policy push (credit/views_push.py)
from gongzhi.credit import views_push  # noqa: E402

urlpatterns += [
    path("push/", views_push.push_home, name="push_home"),
    path("push/campaigns/<int:pk>/", views_push.push_campaign, name="push_campaign"),
    path("push/pushes/", views_push.push_list, name="push_list"),
    path("push/optouts/", views_push.push_optouts, name="push_optouts"),
]
