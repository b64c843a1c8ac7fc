from django.urls import path

from feedback import views

app_name = "feedback"

urlpatterns = [
    path("", views.survey_list, name="list"),
    path("box/", views.box, name="box"),
    path("manage/", views.manage, name="manage"),
    path("manage/new/", views.survey_edit, name="survey_create"),
    path("manage/<int:pk>/", views.survey_edit, name="survey_edit"),
    path("manage/<int:pk>/questions/", views.question_add, name="question_add"),
    path(
        "manage/<int:pk>/questions/<int:question_pk>/delete/",
        views.question_delete,
        name="question_delete",
    ),
    path("manage/<int:pk>/summary/", views.summary_edit, name="summary_edit"),
    path("manage/<int:pk>/summary/publish/", views.summary_publish, name="summary_publish"),
    path("manage/<int:pk>/summary/unpublish/", views.summary_unpublish, name="summary_unpublish"),
    path("heard/<int:pk>/", views.heard, name="heard"),
    path("activity/<int:activity_pk>/", views.attach, name="attach"),
    path("<int:pk>/", views.answer, name="answer"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/results.csv", views.results_csv, name="results_csv"),
]
