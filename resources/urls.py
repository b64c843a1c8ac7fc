from django.urls import path

from resources import views

app_name = "resources"

urlpatterns = [
    path("", views.library, name="list"),
    path("new/", views.add, name="add"),
    path("<int:pk>/", views.resource_detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/files/<int:file_pk>/", views.resource_file, name="file"),
    path("<int:pk>/moderate/", views.moderate, name="moderate"),
]
