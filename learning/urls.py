from django.urls import path

from learning import views

app_name = "learning"

urlpatterns = [
    path("", views.question_list, name="list"),
    path("new/", views.ask, name="ask"),
    path("<int:pk>/", views.question_detail, name="question"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/support/", views.support, name="support"),
    path("<int:pk>/links/", views.link, name="link"),
    path("<int:pk>/moderate/", views.moderate, name="moderate"),
]
