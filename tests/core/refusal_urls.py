"""The project's URLs plus two views exercising core.refusals (tests/core/test_refusals.py)."""

from django import forms
from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns
from core.exceptions import ApplicationError, NotAllowed
from core.refusals import bound_form, form_page


class NameForm(forms.Form):
    name = forms.CharField()


def refuse(request, status: int):
    if status == 403:
        raise NotAllowed("Only hosts may do this.")
    raise ApplicationError("This activity is full.", status_code=status)


def named(request):
    def save(form):
        if form.cleaned_data["name"] == "taken":
            raise ApplicationError("That name is taken.", status_code=409)
        return HttpResponse("saved")

    form = bound_form(NameForm, request)
    return form_page(request, "400.html", form=form, on_valid=save)


urlpatterns = [
    path("refuse/<int:status>/", refuse),
    path("named/", named),
    *project_urlpatterns,
]
