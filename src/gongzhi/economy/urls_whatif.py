urlpatterns: list = []  # policy what-if scenarios, analysis report
