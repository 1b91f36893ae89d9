from django.urls import path

from gongzhi.economy import forecast_views

# forecasts, backtests, marks
urlpatterns: list = [
    path("forecast/", forecast_views.forecast_page, name="forecast"),
    path("forecast/marks/", forecast_views.mark_add, name="forecast_mark_add"),
    path("forecast/marks/remove/", forecast_views.mark_remove, name="forecast_mark_remove"),
]
