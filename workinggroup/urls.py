from django.urls import path

from workinggroup import views
from workinggroup.enums import ItemKind

app_name = "workinggroup"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("mine/", views.mine, name="mine"),
    path("propose/", views.propose, {"kind": ItemKind.PROPOSAL}, name="propose"),
    path("recommend/", views.propose, {"kind": ItemKind.RECOMMENDATION}, name="recommend"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/edit/", views.edit, name="edit"),
    path("items/<int:pk>/translations/", views.translations, name="translations"),
    path("items/<int:pk>/act/", views.act, name="act"),
    path("items/<int:pk>/support/", views.support, name="support"),
    path("items/<int:pk>/comment/", views.comment, name="comment"),
    path("items/<int:pk>/follow-ups/", views.follow_up, name="follow_up_add"),
    path("items/<int:pk>/follow-ups/<int:follow_up_pk>/", views.follow_up, name="follow_up_edit"),
    path("queue/", views.queue, name="queue"),
    path("log/", views.log, name="log"),
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/comment/", views.meeting_comment, name="meeting_comment"),
    path("meetings/<int:pk>/entries/", views.meeting_add_entry, name="meeting_add_entry"),
    path(
        "meetings/<int:pk>/entries/<int:entry_pk>/move/",
        views.meeting_move_entry,
        name="meeting_move_entry",
    ),
    path(
        "meetings/<int:pk>/entries/<int:entry_pk>/outcome/",
        views.meeting_outcome,
        name="meeting_outcome",
    ),
    path("meetings/<int:pk>/publish/", views.meeting_publish, name="meeting_publish"),
    path("items/<int:pk>/decide/", views.decision_open, name="decision_open"),
    path("decisions/<int:pk>/position/", views.decision_position, name="decision_position"),
    path("decisions/<int:pk>/close/", views.decision_close, name="decision_close"),
    path("decisions/<int:pk>/cancel/", views.decision_cancel, name="decision_cancel"),
]
