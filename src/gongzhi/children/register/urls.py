urlpatterns: list = []  # impact assessments, spaces and projects (same "children" namespace)
