from django.urls import path

from mentoring import views

app_name = "mentoring"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("ask/", views.ask, name="ask"),
    path("figures/", views.figures, name="figures"),
    path("ask/new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="request"),
    path("<int:pk>/accept/", views.accept, name="accept"),
    path("<int:pk>/decline/", views.decline, name="decline"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/sessions/new/", views.plan, name="plan"),
    path("<int:pk>/end/", views.end, name="end"),
]
