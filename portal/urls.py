from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("what-we-heard/", views.what_we_heard, name="what_we_heard"),
]
