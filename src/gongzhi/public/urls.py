from django.urls import path

from gongzhi.public import views
from gongzhi.public.urls_children import urlpatterns as children_urls
from gongzhi.public.urls_enterprise import urlpatterns as enterprise_urls
from gongzhi.public.urls_plans import urlpatterns as plan_urls

app_name = "public"

urlpatterns: list = [
    path("credit/", views.credit_index, name="credit_index"),
    path("credit/<int:eval_year>/<str:level>/", views.credit_list, name="credit_list"),
    path("credit/<int:eval_year>/<str:level>/xlsx/", views.credit_list_xlsx, name="credit_list_xlsx"),
    *plan_urls,
    *children_urls,
    *enterprise_urls,
]
