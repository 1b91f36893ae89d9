urlpatterns: list = []  # forecasts, backtests, marks
