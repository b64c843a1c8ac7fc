"""What every form of the portal inherits: text checked for control characters, dates within
the sane range, local times read in the zone they are meant for. See core/validators.py."""

import datetime
import functools

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from core.validators import (
    validate_date_in_range,
    validate_multi_line,
    validate_single_line,
)


def is_multi_line(field: forms.Field) -> bool:
    return isinstance(field.widget, forms.Textarea)


# Whole numbers a form accepts at most, whatever the field: a 32-bit integer column is the
# smallest any of them is compared with, and a larger number would make the database driver
# raise (OverflowError on SQLite, DataError on PostgreSQL) instead of the form answering.
INTEGER_LIMIT = 2**31 - 1


def protect_text_fields(fields: dict[str, forms.Field]) -> None:
    """Give every text field its control-character validator: single-line fields (any widget
    but a Textarea) refuse line breaks, tabs and invisible formatting; multi-line fields refuse
    other control characters. Whole-number fields get bounds a database column can hold.
    Idempotent."""
    for field in fields.values():
        if isinstance(field, (forms.ChoiceField, forms.ModelChoiceField)):
            _plain_choice_messages(field)
        if isinstance(field, forms.ModelChoiceField):
            _guard_keys(field)
            continue
        if isinstance(field, forms.IntegerField) and not isinstance(
            field, (forms.FloatField, forms.DecimalField)
        ):
            _bound(field)
            continue
        if not isinstance(field, forms.CharField):
            continue
        validator = validate_multi_line if is_multi_line(field) else validate_single_line
        if validator not in field.validators:
            # A new list: fields built once at class level must not share an instance's change.
            field.validators = [*field.validators, validator]


# Django's "Select a valid choice. es is not one of the available choices." repeats the sent value
# (a code nobody chose) in a framework sentence: a person is told what to do instead.
_FRAMEWORK_CHOICE_MESSAGES = {
    id(forms.ChoiceField.default_error_messages["invalid_choice"]),
    id(forms.MultipleChoiceField.default_error_messages["invalid_choice"]),
    id(forms.ModelChoiceField.default_error_messages["invalid_choice"]),
    id(forms.ModelMultipleChoiceField.default_error_messages["invalid_choice"]),
}
INVALID_CHOICE = _("That is not one of the choices offered here. Please choose from the list.")


def _plain_choice_messages(field: forms.Field) -> None:
    if id(field.error_messages.get("invalid_choice")) in _FRAMEWORK_CHOICE_MESSAGES:
        field.error_messages["invalid_choice"] = INVALID_CHOICE
    if "invalid_pk_value" in field.error_messages:
        field.error_messages["invalid_pk_value"] = INVALID_CHOICE


def _too_large(value) -> bool:
    text = str(value).strip().lstrip("+-")
    return text.isdigit() and (len(text) > 12 or int(text) > INTEGER_LIMIT)


def _guard_keys(field: forms.ModelChoiceField) -> None:
    """A choice of rows refuses a key no column can hold before Django looks it up (SQLite's
    driver raises OverflowError for it, which Django's fields do not catch)."""
    if getattr(field, "_keys_guarded", False):
        return
    original = field.clean

    def clean(value):
        values = value if isinstance(value, (list, tuple)) else [value]
        for each in values:
            if _too_large(each):
                raise ValidationError(
                    field.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(each)[:20]},
                )
        return original(value)

    field.clean = clean
    field._keys_guarded = True


def _bound(field: forms.IntegerField) -> None:
    if field.max_value is None:
        field.max_value = INTEGER_LIMIT
        field.validators = [*field.validators, MaxValueValidator(INTEGER_LIMIT)]
    if field.min_value is None:
        field.min_value = -INTEGER_LIMIT
        field.validators = [*field.validators, MinValueValidator(-INTEGER_LIMIT)]


class SafeTextMixin:
    """Put first in the bases of every project form (`class X(SafeTextMixin, forms.Form)`).

    Fields are protected when the form is built (after each subclass's own `__init__`, so
    fields added there, such as one per language, are covered) and again just before it is
    cleaned. tests/core/test_input_validation.py checks that every form of the project has it.
    """

    def __init_subclass__(cls, **kwargs):
        """Wrap each form's own __init__ so fields it adds after super().__init__() (one per
        language, one per survey question) are protected as soon as the form is built."""
        super().__init_subclass__(**kwargs)
        init = cls.__dict__.get("__init__")
        if init is None:
            return

        @functools.wraps(init)
        def protected_init(self, *args, **kwargs):
            init(self, *args, **kwargs)
            protect_text_fields(self.fields)

        cls.__init__ = protected_init

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        protect_text_fields(self.fields)

    def full_clean(self):
        protect_text_fields(self.fields)
        super().full_clean()


class SaneDateField(forms.DateField):
    """A date between core.validators.MIN_YEAR and MAX_YEAR."""

    default_validators = [validate_date_in_range]


class LocalDateTimeField(forms.DateTimeField):
    """A date and time as typed, *naive*: it is read in the activity's or meeting's own zone
    by the form's clean() (core.validators.local_moment), not in the viewer's zone as Django's
    DateTimeField would (which also refused times that do not exist in the viewer's zone
    while letting through those that do not exist in the zone that matters)."""

    default_validators = [validate_date_in_range]

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.replace(tzinfo=None)
        if isinstance(value, datetime.date):
            return datetime.datetime(value.year, value.month, value.day)
        try:
            result = parse_datetime(value.strip())
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if result is None:
            result = forms.fields.BaseTemporalField.to_python(self, value)
        # An offset typed by hand ("...+05:00") says nothing about the zone chosen in the form.
        return result.replace(tzinfo=None)

    def strptime(self, value, format):
        return datetime.datetime.strptime(value, format)


def narrow_choices(form: forms.Form, name: str, match) -> None:
    """The no-JavaScript filter of a checkbox list (templates/includes/checkbox_picker.html): the
    choices of `name` narrowed to `match(text)` for the text typed in `<name>_filter`, plus
    everything already ticked. Only ever a subset of the choices the form offers."""
    from django.db.models import Q

    text = " ".join(str(form[f"{name}_filter"].value() or "").split())[:100]
    if not text:
        return
    ticked = [
        int(value)
        for value in form.data.getlist(form.add_prefix(name))
        if value.isascii() and value.isdigit() and len(value) < 12
    ]
    field = form.fields[name]
    field.queryset = field.queryset.filter(match(text) | Q(pk__in=ticked))


def shown_unsaved(form: forms.Form) -> None:
    """A form re-shown by its filter step: a half-filled form is not wrong yet, no errors."""
    from django.forms.utils import ErrorDict

    form._errors = ErrorDict()
    form.cleaned_data = {}
