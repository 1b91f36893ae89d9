from gongzhi.economy.urls_forecast import urlpatterns as forecast_urls
from gongzhi.economy.urls_revenue import urlpatterns as revenue_urls
from gongzhi.economy.urls_whatif import urlpatterns as whatif_urls

app_name = "economy"

urlpatterns: list = [*revenue_urls, *forecast_urls, *whatif_urls]
