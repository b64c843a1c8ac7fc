from django.urls import path

from activities import views
from activities.feeds import PublicActivitiesFeed
from core.content_cache import conditional_page

app_name = "activities"

urlpatterns = [
    path("", views.activity_list, name="list"),
    path("new/", views.create, name="create"),
    path("calendar/", views.my_calendar, name="my_calendar"),
    path("mine/", views.mine, name="mine"),
    path("support/", views.open_support, name="open_support"),
    path("public.ics", views.public_feed_ics, name="public_ics"),
    path(
        "feed/",
        conditional_page("activities:feed", html=False, same_for_everyone=True)(
            PublicActivitiesFeed()
        ),
        name="feed",
    ),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/cancel-registration/", views.cancel_registration, name="cancel_registration"),
    path("<int:pk>/calendar.ics", views.activity_ics, name="ics"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/cancel/", views.cancel_activity, name="cancel"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/hold-back/", views.hold_back, name="hold_back"),
    path("<int:pk>/release/", views.release, name="release"),
    path("<int:pk>/support/", views.support, name="support"),
    path("<int:pk>/support/ask/", views.ask_support, name="ask_support"),
    path("<int:pk>/support/<int:request_pk>/answer/", views.answer_support, name="answer_support"),
    path("<int:pk>/suggestions/", views.suggest, name="suggest"),
    path(
        "<int:pk>/suggestions/<int:suggestion_pk>/answer/",
        views.answer_suggestion,
        name="answer_suggestion",
    ),
    path("<int:pk>/attendees/", views.attendees, name="attendees"),
    path("<int:pk>/attendees.csv", views.attendees_csv, name="attendees_csv"),
    path("<int:pk>/materials/add/", views.add_material, name="add_material"),
    path("<int:pk>/materials/<int:material_pk>/", views.material_file, name="material"),
]
