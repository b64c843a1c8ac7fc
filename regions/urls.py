from django.urls import path

from regions import views

app_name = "regions"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:code>/", views.region, name="region"),
]
