"""The active filters of a list page, as removable chips above its results.

A chip is built only from a valid form's cleaned data and its fields' own labels and choices:
nothing the visitor typed reaches the page unless the form accepted it, and a choice shows the
label the page offered (organisation names come from the same selectors as the form's choices,
so a hidden organisation never appears here either). Each chip links to the same list without
that filter, keeping the others (and dropping the page number: the results change).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext, pgettext


@dataclass(frozen=True)
class FilterChip:
    name: str
    text: str  # "Language: Spanish"
    remove_url: str  # "?q=water" or "?" when it was the only filter

    @property
    def remove_label(self) -> str:
        return gettext("Remove filter %(filter)s") % {"filter": self.text}


def _values(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value if item not in (None, "")]
    return [str(value)]


def _display(field: forms.Field, value: str) -> str:
    choices = getattr(field, "choices", None)
    if choices is None:
        return value
    for key, label in choices:
        if isinstance(label, (list, tuple)):  # an optgroup
            for inner_key, inner_label in label:
                if str(inner_key) == value:
                    return str(inner_label)
        elif str(key) == value:
            return str(label)
    return value


def active_filter_chips(form: forms.Form, *, keep: Iterable[str] = ()) -> list[FilterChip]:
    """One chip per filled field of a valid bound `form`, in the form's order.

    `keep` names fields that are not shown as chips but travel in every chip's link (the
    activity list's upcoming/past switch, which the heading already says)."""
    if not form.is_bound or not form.is_valid():
        return []
    keep = set(keep)
    filled = {
        name: _values(form.cleaned_data.get(name))
        for name in form.fields
        if _values(form.cleaned_data.get(name))
    }
    chips = []
    for name, values in filled.items():
        if name in keep:
            continue
        field = form.fields[name]
        others = [
            (other, value)
            for other, other_values in filled.items()
            if other != name
            for value in other_values
        ]
        text = pgettext("label: text", "%(label)s: %(text)s") % {
            "label": field.label,
            "text": ", ".join(_display(field, value) for value in values),
        }
        chips.append(FilterChip(name=name, text=text, remove_url=f"?{urlencode(others)}"))
    return chips
