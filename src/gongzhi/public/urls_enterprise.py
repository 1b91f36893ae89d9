"""Enterprise requests for enterprises (no login): the form, the receipt, the status by receipt
number and credit code (一站式快速服务通道, 周政办字〔2023〕10号 二、（四）)."""

from django.urls import path

from gongzhi.public import views_enterprise

urlpatterns: list = [
    path("enterprise/", views_enterprise.enterprise_request, name="enterprise_request"),
    path("enterprise/thanks/", views_enterprise.enterprise_thanks, name="enterprise_thanks"),
    path("enterprise/status/", views_enterprise.enterprise_status, name="enterprise_status"),
]
