from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.forms import SafeTextMixin
from core.timezones import ZoneChoiceField


class TimezoneChoiceField(ZoneChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Time zone"))
        kwargs.setdefault("help_text", _("Every time in the portal is shown in this time zone."))
        super().__init__(**kwargs)


class SignupForm(SafeTextMixin, AllauthSignupForm):
    display_name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        help_text=_("How other people in the Learning Lab see your name."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)
    timezone = TimezoneChoiceField()

    field_order = ["email", "display_name", "password1", "password2", "language", "timezone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = translation.get_language()
        # The visitor's browser zone when the page's script reported it (the `tz` cookie), else
        # UTC; on the very first page static/js/timezone.js sets the field to the browser's zone.
        self.fields["timezone"].initial = timezone.get_current_timezone_name()
        self.fields["timezone"].widget.attrs["data-browser-zone"] = ""


class ProfileForm(SafeTextMixin, forms.ModelForm):
    timezone = TimezoneChoiceField()

    class Meta:
        model = User
        fields = ["display_name", "language", "timezone"]


class InvitationForm(SafeTextMixin, forms.Form):
    email = forms.EmailField(label=_("Email address"))
    language = forms.ChoiceField(
        label=_("Language of the invitation email"), choices=settings.LANGUAGES
    )
