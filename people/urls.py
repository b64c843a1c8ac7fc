from django.urls import path

from people import views

app_name = "people"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("me/", views.edit_own, name="me"),
    path("me/photo/", views.edit_photo, name="photo_edit"),
    path("me/photo/remove/", views.remove_photo, name="photo_remove"),
    path("<int:pk>/", views.person, name="person"),
    path("<int:pk>/photo/", views.photo, name="photo"),
]
