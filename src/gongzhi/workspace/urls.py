from django.urls import path

from gongzhi.workspace import views

app_name = "workspace"

urlpatterns = [
    path("", views.home, name="home"),
    # 批量审核: the plan office's inbox on the home page posts here
    path("reviews/batch/", views.review_batch, name="review_batch"),
    # 单位工作台: under /org/ since it is a unit's page, here since it shows accounts and tokens
    path("org/units/<int:pk>/workspace/", views.unit_workspace, name="unit_workspace"),
    # 数据运用反馈: under /exchange/ since it is about a provider's data, here since it shows
    # what the tax-risk analysis made of it
    path("exchange/feedback/", views.data_feedback, name="data_feedback"),
    # 税费共治概览: the leader's one-pager of the tax-fee work, and the leads behind its figures
    path("taxfee/", views.taxfee_overview, name="taxfee"),
    path("taxfee/leads/", views.taxfee_leads, name="taxfee_leads"),
    path("taxfee/export.xlsx", views.taxfee_export, name="taxfee_export"),
]
