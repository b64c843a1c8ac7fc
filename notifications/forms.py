from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.forms import SafeTextMixin
from notifications.enums import DeliveryStatus, Kind, Preference


def offset_label(minutes: int) -> str:
    if minutes % 1440 == 0:
        days = minutes // 1440
        return ngettext("%(count)s day before", "%(count)s days before", days) % {"count": days}
    if minutes % 60 == 0:
        hours = minutes // 60
        return ngettext("%(count)s hour before", "%(count)s hours before", hours) % {"count": hours}
    return ngettext("%(count)s minute before", "%(count)s minutes before", minutes) % {
        "count": minutes
    }


class PreferencesForm(SafeTextMixin, forms.Form):
    enabled = forms.MultipleChoiceField(
        label=_("Emails I want"),
        choices=Preference.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    offsets = forms.TypedMultipleChoiceField(
        label=_("Reminders before an activity"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offsets"].choices = [
            (minutes, offset_label(minutes)) for minutes in settings.REMINDER_OFFSETS_MINUTES
        ]


class DeliveryFilterForm(SafeTextMixin, forms.Form):
    status = forms.ChoiceField(label=_("State"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Any")), *DeliveryStatus.choices]
        self.fields["kind"].choices = [("", _("Any")), *Kind.choices]
