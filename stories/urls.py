from django.urls import path

from stories import views
from stories.feeds import PublicStoriesFeed

app_name = "stories"

urlpatterns = [
    path("", views.story_list, name="list"),
    path("feed/", PublicStoriesFeed(), name="feed"),
    path("new/", views.write, name="write"),
    path("<int:pk>/", views.story_detail, name="story"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/photos/new/", views.add_photo, name="add_photo"),
    path("<int:pk>/photos/<int:photo_pk>/", views.photo, name="photo"),
    path("<int:pk>/photos/<int:photo_pk>/remove/", views.remove_photo, name="remove_photo"),
    path("<int:pk>/act/", views.act, name="act"),
    path("<int:pk>/moderate/", views.moderate, name="moderate"),
]
