from django.urls import path

from convenings import views

app_name = "convenings"

urlpatterns = [
    path("", views.convening_list, name="list"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/cancel/", views.cancel, name="cancel"),
    path("<slug:slug>/my-programme/", views.my_programme, name="my_programme"),
    path("<slug:slug>/my-programme.ics", views.my_programme_ics, name="my_programme_ics"),
    path("<slug:slug>/manage/", views.manage, name="manage"),
    path("<slug:slug>/state/", views.set_state, name="set_state"),
    path("<slug:slug>/sessions/attach/", views.attach_session, name="attach_session"),
    path(
        "<slug:slug>/sessions/<int:session_pk>/detach/",
        views.detach_session,
        name="detach_session",
    ),
    path("<slug:slug>/stories/link/", views.link_story, name="link_story"),
    path("<slug:slug>/stories/<int:link_pk>/unlink/", views.unlink_story, name="unlink_story"),
]
