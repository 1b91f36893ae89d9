from django.urls import path

from gongzhi.economy import revenue_views

# revenue cube, plan completion, structure, burden
urlpatterns: list = [
    path("", revenue_views.revenue, name="revenue"),
    path("plan/", revenue_views.plan_save, name="plan_save"),
    path("analysis-month/", revenue_views.analysis_month_set, name="analysis_month_set"),
    path("structure/", revenue_views.structure, name="structure"),
    path("structure/taxpayers/", revenue_views.taxpayers, name="taxpayers"),
    path("burden/", revenue_views.burden, name="burden"),
]
