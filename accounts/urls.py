from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("invite/", views.invite, name="invite"),
    path("invitation/<str:token>/", views.accept_invitation, name="invitation"),
]
