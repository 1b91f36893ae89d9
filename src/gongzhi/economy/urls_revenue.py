urlpatterns: list = []  # revenue cube, plan completion, structure, burden
