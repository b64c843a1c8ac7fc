"""Every form of the portal refuses control characters in text and dates out of range, and
reads local times in the zone they belong to, refusing those that do not exist or happen twice.
The walk over all forms makes a new form that forgets the shared mixin fail here."""

import datetime
import importlib
import inspect
from types import SimpleNamespace

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError

from core.forms import SafeTextMixin
from core.validators import (
    local_moment,
    multi_line,
    single_line,
    validate_multi_line,
    validate_single_line,
)
from feedback.models import Survey
from partners.models import Organisation
from tests.factories import (
    ActivityFactory,
    ItemFactory,
    MembershipFactory,
    StaffFactory,
    SurveyFactory,
)
from workinggroup.models import Item, Meeting

PROJECT_APPS = ("core", "accounts", "partners", "activities", "feedback", "workinggroup")
PROJECT_APPS += ("notifications",)
SINGLE_LINE = (
    "Write this on a single line, without line breaks, tabs or invisible control characters."
)
MULTI_LINE = "This text contains invisible control characters. Remove them and try again."


def _project_form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for label in PROJECT_APPS:
        try:
            module = importlib.import_module(f"{apps.get_app_config(label).name}.forms")
        except ModuleNotFoundError:
            continue
        for _name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module.__name__
            ):
                found.append(value)
    return found


FORM_CLASSES = _project_form_classes()


def _form_kwargs(form_class, world) -> dict:
    """The keyword arguments a form needs, by name; a new name fails the test, saying so."""
    kwargs = {}
    for name, parameter in inspect.signature(form_class.__init__).parameters.items():
        if parameter.kind is not parameter.KEYWORD_ONLY or parameter.default is not parameter.empty:
            continue
        assert name in world, f"{form_class.__name__} needs {name!r}: add it to the test's world"
        kwargs[name] = world[name]
    return kwargs


@pytest.fixture
def world():
    staff = StaffFactory()
    membership = MembershipFactory()
    return {
        "user": staff,
        "activity": ActivityFactory(hosts=[membership.organisation]),
        "choices": {
            "focus_areas": [],
            "hosts": [],
            "regions": [],
            "countries": [],
            "languages": [],
        },
        "kind": "proposal",
        "organisations": Organisation.objects.all(),
        "hosts": Organisation.objects.all(),
        "item": ItemFactory(),
        "meetings": Meeting.objects.all(),
        "merge_targets": Item.objects.all(),
        "survey": SurveyFactory(),
        "templates": Survey.objects.all(),
        # --- The Working Group decides (issue 16) ---
        "viewer": staff,
        "decision_round": SimpleNamespace(method="consent"),
    }


def test_the_walk_finds_the_forms_of_every_app():
    names = {form_class.__name__ for form_class in FORM_CLASSES}
    assert {"ActivityForm", "ItemForm", "SurveyForm", "OrganisationForm", "SignupForm"} <= names
    assert len(FORM_CLASSES) >= 25


@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_every_project_form_inherits_the_text_checks(form_class):
    assert issubclass(form_class, SafeTextMixin)
    # First among the bases that define full_clean, or Django's would run without the checks.
    assert form_class.full_clean is SafeTextMixin.full_clean


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_every_text_field_of_every_form_has_its_control_character_check(form_class, world):
    form = form_class(**_form_kwargs(form_class, world))

    for name, field in form.fields.items():
        if not isinstance(field, forms.CharField):
            continue
        expected = (
            validate_multi_line
            if isinstance(field.widget, forms.Textarea)
            else validate_single_line
        )
        assert expected in field.validators, f"{form_class.__name__}.{name}"


@pytest.mark.parametrize(
    "text",
    [
        *("Line\rbreak", "Line\nbreak", "Tab\there", "Bell\x07", "C1\x85"),
        *("Sep\u2028", "Para\u2029", "RTL \u202etxt.exe", "Isolate \u2066x\u2069", "Emb \u202ax"),
    ],
)
def test_single_line_refuses_controls_and_invisible_formatting(text):
    with pytest.raises(ValidationError) as refused:
        validate_single_line(text)

    assert refused.value.messages == [SINGLE_LINE]


@pytest.mark.parametrize(
    "text", ["Taller de incidencia", "Atelier d’été – 2026", "ورشة عمل \u200f", "Emoji 🌍", "é"]
)
def test_single_line_accepts_every_writing(text):
    validate_single_line(text)


def test_multi_line_keeps_line_breaks_and_tabs_but_refuses_other_controls():
    validate_multi_line("First line\r\nSecond\tline\n")
    with pytest.raises(ValidationError) as refused:
        validate_multi_line("Bell\x07 here")

    assert refused.value.messages == [MULTI_LINE]


def test_text_from_older_rows_is_made_safe_for_headers_and_calendars():
    assert single_line("Budget\r\nBcc: x@evil.example\u202e") == "Budget Bcc: x@evil.example"
    assert single_line("Une réunion\u00a0: bientôt") == "Une réunion\u00a0: bientôt"
    assert multi_line("One\r\nTwo\rThree\x00\tend") == "One\nTwo\nThree\tend"


def test_a_time_in_the_spring_gap_is_refused_naming_the_problem():
    with pytest.raises(ValidationError) as refused:
        local_moment(datetime.datetime(2026, 3, 29, 2, 30), "Europe/Paris")

    assert refused.value.messages == [
        "2:30 a.m. does not exist on March 29, 2026 in Europe/Paris: the clocks go forward. "
        "Choose another time."
    ]


def test_a_time_in_the_autumn_fold_is_refused_naming_the_problem():
    with pytest.raises(ValidationError) as refused:
        local_moment(datetime.datetime(2026, 10, 25, 2, 30), "Europe/Paris")

    assert refused.value.messages == [
        "2:30 a.m. happens twice on Oct. 25, 2026 in Europe/Paris: the clocks go back. "
        "Choose another time."
    ]


def test_an_ordinary_local_time_is_read_in_its_own_zone():
    moment = local_moment(datetime.datetime(2026, 3, 29, 3, 30), "Europe/Paris")

    assert moment.astimezone(datetime.UTC) == datetime.datetime(
        2026, 3, 29, 1, 30, tzinfo=datetime.UTC
    )


@pytest.mark.parametrize("year", [1, 1999, 2101, 9999])
def test_a_date_outside_2000_to_2100_is_refused(year):
    with pytest.raises(ValidationError) as refused:
        local_moment(datetime.datetime(year, 12, 31, 23, 59), "Pacific/Pago_Pago")

    assert refused.value.messages == ["Choose a date between Jan. 1, 2000 and Dec. 31, 2100."]
