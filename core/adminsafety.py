"""The Django admin refuses hostile input with a form error, never a 500.

- Its form fields get the same protection as the portal's forms (core.forms.protect_text_fields):
  no control characters in text, whole numbers and ids a database column can hold.
- Django's autocomplete widgets look the submitted ids up before the form has validated them, so
  `host_people=abc` raised ValueError (a 500) when the page was rendered again with its errors,
  and an id too large for the database raised OverflowError. Autocomplete fields get widgets that
  leave such values out of that lookup; the field itself refuses them with its usual message.

`SafeAdminMixin` goes first in the bases of every ModelAdmin and inline of the project.
"""

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError

from core.forms import INTEGER_LIMIT, protect_text_fields


def _looks_up(field, value) -> bool:
    """Whether `value` is something the related table can be searched for at all."""
    try:
        python = field.target_field.to_python(value)
    except (ValidationError, TypeError, ValueError):
        return False
    return not (isinstance(python, int) and abs(python) > INTEGER_LIMIT)


class _SafeLookupMixin:
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [v for v in value if _looks_up(self.field, v)], attr)


class SafeAutocompleteSelect(_SafeLookupMixin, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(_SafeLookupMixin, AutocompleteSelectMultiple):
    pass


class SafeAdminMixin:
    """For every ModelAdmin and inline class of the project."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None:
            protect_text_fields({db_field.name: formfield})
        return formfield

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
