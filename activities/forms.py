import re
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language, gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.permissions import is_staff
from activities.enums import (
    ActivityStatus,
    ActivityType,
    Audience,
    LedBy,
    MaterialKind,
    SupportKind,
)
from activities.models import DETAILS_LIMIT, NOTE_LIMIT, Activity
from activities.selectors import hosts_zone_for
from activities.services import REASON_LIMIT
from activities.validators import validate_material_file
from core import languages, message_versions
from core.forms import LocalDateTimeField, SafeTextMixin, narrow_choices, shown_unsaved
from core.timezones import ZoneChoiceField, canonical_zone
from core.validators import (
    MAX_YEAR,
    MIN_YEAR,
    ends_after_start,
    ends_after_start_message,
    local_moment,
)
from partners.enums import MembershipRole, Region
from partners.models import FocusArea, Organisation
from partners.selectors import organisations_visible_to, visible_people

LANGUAGE_CHOICES = settings.LANGUAGES


def _https_by_default(model_field, **kwargs):
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class ActivityForm(SafeTextMixin, forms.ModelForm):
    """An activity as staff or its hosts edit it. Times are typed in the hosts' time zone."""

    spoken = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Required: tick at least one."),
    )
    interpretation = forms.MultipleChoiceField(
        label=_("Interpretation offered into"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    timezone = ZoneChoiceField(label=_("Time zone of the hosts"))
    starts_at = LocalDateTimeField(
        label=_("Starts (hosts' local time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    ends_at = LocalDateTimeField(
        label=_("Ends (hosts' local time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    registration_deadline = LocalDateTimeField(
        label=_("Registration closes (hosts' local time)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    # Choices come from the editor's visibility (see __init__), never from every row. Ticked
    # boxes in a bounded list, never a Ctrl-click <select multiple>.
    host_organisations = forms.ModelMultipleChoiceField(
        label=_("Host organisations"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Required: tick at least one."),
    )
    host_people = forms.ModelMultipleChoiceField(
        label=_("Host people"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They can edit the activity and see who registered."),
    )
    # The no-JavaScript filter of the two lists above: a "Filter" button re-posts the form and
    # the view re-renders it unsaved with the lists narrowed (see narrow_hosts).
    host_organisations_filter = forms.CharField(
        label=_("Find an organisation"), required=False, max_length=100
    )
    host_people_filter = forms.CharField(label=_("Find a person"), required=False, max_length=100)
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=FocusArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Activity
        formfield_callback = _https_by_default
        fields = [
            "type",
            *languages.per_language("title"),
            *languages.per_language("description"),
            "original_language",
            "format",
            "place",
            "online_link",
            "capacity",
            "audience",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 5})
            for name in languages.per_language("description")
        }
        help_texts = {
            "original_language": _("The language you write the title and description in."),
            "place": _("For an activity in person or hybrid: the venue and city."),
            "online_link": _("For an online or hybrid activity. Only people with a place see it."),
            "capacity": _("Leave empty for no limit. When it is full, people join a waiting list."),
            "audience": _("Community: only partners of the Learning Lab. Public: anyone."),
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = Audience.OPEN_CHOICES
        self._set_host_choices(user)
        if not self.instance.pk:
            self._set_defaults(user)
        languages.label_per_language(
            self, (("title", _("Title")), ("description", _("Description")))
        )
        activity = self.instance
        # A host who may not see every co-host may not see their time zone either (it says
        # where a hidden organisation works): they type times in UTC and the zone stays.
        self._zone_hidden = (
            bool(activity.pk) and hosts_zone_for(activity=activity, user=user) is None
        )
        if self._zone_hidden:
            del self.fields["timezone"]
            for name, label in (
                ("starts_at", _("Starts (UTC)")),
                ("ends_at", _("Ends (UTC)")),
                ("registration_deadline", _("Registration closes (UTC)")),
            ):
                self.fields[name].label = label
        if activity.pk:
            zone = ZoneInfo("UTC" if self._zone_hidden else activity.timezone)
            self.initial.update(
                {
                    "spoken": activity.spoken_language_list,
                    "interpretation": activity.interpretation_language_list,
                    "timezone": None if self._zone_hidden else activity.timezone,
                    "starts_at": activity.starts_at.astimezone(zone).replace(tzinfo=None),
                    "ends_at": activity.ends_at.astimezone(zone).replace(tzinfo=None),
                    "registration_deadline": activity.registration_deadline
                    and activity.registration_deadline.astimezone(zone).replace(tzinfo=None),
                    "host_organisations": [
                        host for host in self._current_hosts if host.pk in self._shown
                    ],
                    "host_people": [
                        person for person in self._current_people if person.pk in self._shown_people
                    ],
                    "focus_areas": list(activity.focus_areas.all()),
                }
            )

    def _set_host_choices(self, user: User) -> None:
        """Offer the organisations and people the editor may see. Hosts they may not see (a
        co-host hidden from them) are neither shown nor lost: they are kept on save."""
        organisations = organisations_visible_to(user=user).order_by("name")
        people = visible_people(viewer=user)
        self.fields["host_organisations"].queryset = organisations
        self.fields["host_people"].queryset = people
        self._shown = set(organisations.values_list("pk", flat=True))
        self._shown_people = set(people.values_list("pk", flat=True))
        activity = self.instance
        self._current_hosts = list(activity.host_organisations.all()) if activity.pk else []
        self._current_people = list(activity.host_people.all()) if activity.pk else []
        self._kept_hosts = [host for host in self._current_hosts if host.pk not in self._shown]
        self._kept_people = [
            person for person in self._current_people if person.pk not in self._shown_people
        ]

    def _set_defaults(self, user: User) -> None:
        """A new activity starts from its creator: the organisations they lead as hosts, they
        themselves as host person, their time zone and language, the page's language as the
        language it is written in. Format (online) and audience (community) are the model's."""
        led = Organisation.objects.filter(
            memberships__user=user, memberships__role=MembershipRole.LEAD
        ).values_list("pk", flat=True)
        if not led and not is_staff(user):
            # A member (not a lead) starting a partner-led activity: their own organisations.
            led = Organisation.objects.filter(memberships__user=user).values_list("pk", flat=True)
        self.initial["host_organisations"] = [pk for pk in led if pk in self._shown]
        if user.pk in self._shown_people:
            self.initial["host_people"] = [user.pk]
        if "timezone" in self.fields and user.timezone:
            self.initial["timezone"] = canonical_zone(user.timezone)
        if user.language in languages.codes():
            self.initial["spoken"] = [user.language]
        if get_language() in languages.codes():
            self.initial["original_language"] = get_language()

    def narrow_hosts(self) -> None:
        """The filter step: the host lists narrowed to the names matching what was typed in
        their filter boxes, plus everything already ticked; nothing saved, no errors shown.
        Only ever a subset of the choices the editor may see."""
        matches = {
            "host_organisations": lambda text: models.Q(name__icontains=text),
            # What the box shows: the name, or the address of someone without one.
            "host_people": lambda text: (
                models.Q(display_name__icontains=text)
                | models.Q(display_name="", email__icontains=text)
            ),
        }
        for name, match in matches.items():
            narrow_choices(self, name, match)
        shown_unsaved(self)

    def text_versions(self) -> list[dict]:
        """The title and description of each language, the page's (or the written-in) language
        first; the others folded unless they hold text or an error."""
        first = self["original_language"].value() or get_language()
        return languages.text_versions(self, ("title", "description"), first)

    def languages_summary(self) -> str:
        """What the folded "Languages" section holds, in words: "Spoken: English. Interpretation
        into: Spanish, French." """

        def names(name: str) -> str:
            codes = [code for code in self[name].value() or [] if code in languages.codes()]
            return ", ".join(languages.language_name(code) for code in codes) or pgettext(
                "no languages", "none"
            )

        return gettext("Spoken: %(spoken)s. Interpretation into: %(interpretation)s.") % {
            "spoken": names("spoken"),
            "interpretation": names("interpretation"),
        }

    def who_summary(self) -> str:
        """What the folded "Who" section holds, in words: the ticked hosts (only ever those the
        editor may see: the choices) and the audience."""
        hosts = [
            option.choice_label
            for name in ("host_organisations", "host_people")
            for option in self[name]
            if option.data["selected"]
        ]
        audience = dict(self.fields["audience"].choices).get(self["audience"].value(), "")
        return gettext("Hosts: %(hosts)s. Audience: %(audience)s.") % {
            "hosts": ", ".join(hosts) or pgettext("no hosts", "none"),
            "audience": audience,
        }

    def who_is_set(self) -> bool:
        """Whether "Who" may start folded: a page not yet sent, with hosts already ticked."""
        return not self.is_bound and bool(self["host_organisations"].value())

    def clean_host_organisations(self):
        return [*self.cleaned_data["host_organisations"], *self._kept_hosts]

    def clean_host_people(self):
        return [*self.cleaned_data["host_people"], *self._kept_people]

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in languages.per_language("title")):
            raise ValidationError(_("Give the activity a title in at least one language."))
        zone_name = "UTC" if self._zone_hidden else cleaned.get("timezone")
        for name in ("starts_at", "ends_at", "registration_deadline"):
            if not cleaned.get(name):
                continue
            if not zone_name:  # the zone's own error says what to do
                cleaned.pop(name)
                continue
            # Typed as the hosts' wall-clock time: read in their zone, gaps and folds refused.
            try:
                cleaned[name] = local_moment(cleaned[name], zone_name)
            except ValidationError as error:
                self.add_error(name, error)
        if not ends_after_start(cleaned.get("starts_at"), cleaned.get("ends_at")):
            self.add_error("ends_at", ends_after_start_message())
        return cleaned

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data.update(
            spoken_languages=",".join(self.cleaned_data["spoken"]),
            interpretation_languages=",".join(self.cleaned_data["interpretation"]),
            timezone=self.instance.timezone if self._zone_hidden else self.cleaned_data["timezone"],
            starts_at=self.cleaned_data["starts_at"],
            ends_at=self.cleaned_data["ends_at"],
            registration_deadline=self.cleaned_data["registration_deadline"],
        )
        return data


class NewActivityForm(ActivityForm):
    """A new activity. The team chooses who leads it (a partner-led one is then published by
    its hosts); a partner's is always partner-led (the field is not there)."""

    led_by = forms.ChoiceField(
        label=_("Who leads it"),
        choices=LedBy.choices,
        widget=forms.RadioSelect,
        initial=LedBy.TEAM,
        required=False,
        help_text=_("A partner-led activity is published by its hosts, not by the team."),
    )
    status = forms.ChoiceField(
        label=_("Publish"),
        choices=[
            (ActivityStatus.SCHEDULED, _("Scheduled: visible and open for registration")),
            (ActivityStatus.DRAFT, _("Draft: only hosts and the team see it")),
        ],
        widget=forms.RadioSelect,
        initial=ActivityStatus.SCHEDULED,
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self._by_team = is_staff(user)
        if not self._by_team:
            del self.fields["led_by"]

    def leader(self) -> str:
        """Who leads the new activity: the team's choice, or partners (a partner's)."""
        if not self._by_team:
            return LedBy.PARTNERS
        return self.cleaned_data.get("led_by") or LedBy.TEAM

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("led_by") == LedBy.PARTNERS
            and cleaned.get("status") == ActivityStatus.SCHEDULED
        ):
            self.add_error(
                "status",
                _("The hosts publish a partner-led activity: save it as a draft for them."),
            )
        return cleaned


class SupportRequestForm(SafeTextMixin, forms.Form):
    """What the hosts ask the Learning Lab for."""

    kind = forms.ChoiceField(label=_("What do you need?"), choices=SupportKind.choices)
    details = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=DETAILS_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: into which language, how many people, which city, how much."),
    )


class AnswerForm(SafeTextMixin, forms.Form):
    """The team's answer to a support request, or the hosts' to a suggestion: one of two
    buttons (`decision`) and a note."""

    decision = forms.ChoiceField(choices=[("yes", "yes"), ("no", "no")])
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def yes(self) -> bool:
        return self.cleaned_data["decision"] == "yes"


class SuggestionForm(SafeTextMixin, forms.Form):
    text = forms.CharField(
        label=_("Your suggestion to the hosts"),
        max_length=DETAILS_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The hosts are told by email; they accept or dismiss it. It changes nothing by itself."
        ),
    )


class ReasonForm(SafeTextMixin, forms.Form):
    """Why the team holds an activity back, or releases it: the hosts read it."""

    reason = forms.CharField(
        label=_("Reason (the hosts read it)"),
        max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class RegistrationForm(SafeTextMixin, forms.Form):
    interpretation_language = forms.ChoiceField(
        label=_("I need interpretation into"),
        required=False,
        error_messages={
            "invalid_choice": _("This activity offers no interpretation into that language.")
        },
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only the hosts and the Learning Lab team see this."),
    )
    question = forms.CharField(
        label=_("A question for the hosts"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, activity: Activity, **kwargs):
        super().__init__(*args, **kwargs)
        offered = activity.interpretation_language_list
        self.fields["interpretation_language"].choices = [("", _("No interpretation needed"))] + [
            (code, languages.language_name(code)) for code in offered
        ]
        if not offered:
            del self.fields["interpretation_language"]

    def service_data(self) -> dict:
        return {
            "interpretation_language": self.cleaned_data.get("interpretation_language", ""),
            "accessibility_needs": self.cleaned_data["accessibility_needs"],
            "question": self.cleaned_data["question"],
        }


class CancelActivityForm(SafeTextMixin, forms.Form):
    """Why the activity is cancelled: in the writer's `language` (required), and optionally in
    the other portal languages. `readers` are the languages of the people told, with counts
    (activities.selectors.cancellation_readers)."""

    def __init__(self, *args, language: str = "", readers: list[tuple[str, int]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        message_versions.add_versions(
            self,
            "reason",
            label=gettext("Why is it cancelled? (everyone registered will see this)"),
            language=language or get_language(),
            required=True,
            max_length=REASON_LIMIT,
        )
        count = sum(number for _code, number in readers)
        if count:
            self.readers_line = ngettext(
                "The one person with a place or waiting for one reads: %(languages)s.",
                "The %(count)s people with a place or waiting for one read: %(languages)s.",
                count,
            ) % {"count": count, "languages": message_versions.languages_with_counts(readers)}
        else:
            self.readers_line = gettext(
                "Nobody has a place or is waiting for one: nobody will be emailed."
            )

    def reasons(self) -> dict[str, str]:
        return message_versions.versions(self, "reason")

    def reason_versions(self) -> message_versions.Versions:
        return message_versions.bound_versions(self, "reason")


class MaterialForm(SafeTextMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MaterialKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)
    link = forms.URLField(label=_("Link (for a recording)"), required=False, assume_scheme="https")
    file = forms.FileField(
        label=_("File (slides, notes)"),
        required=False,
        validators=[validate_material_file],
        help_text=_("PDF, PPTX, DOCX, XLSX, ODP, ODT, TXT or MD."),
    )

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("link")) == bool(cleaned.get("file")) and not self.errors:
            raise ValidationError(_("Give either a link or a file, not both."))
        return cleaned


# ASCII digits only, and the whole value: full-width digits or a trailing newline are no month.
MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])", re.ASCII)


class ActivityFilterForm(SafeTextMixin, forms.Form):
    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[("upcoming", _("Upcoming")), ("past", _("Past"))],
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    type = forms.ChoiceField(label=_("Type"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    focus = forms.ChoiceField(label=_("Topic"), required=False)
    host = forms.ChoiceField(label=_("Host organisation"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    month = forms.CharField(
        label=_("Month"), required=False, widget=forms.TextInput(attrs={"type": "month"})
    )
    question = forms.ChoiceField(label=_("Learning question"), required=False)

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        self.fields["type"].choices = anything + list(ActivityType.choices)
        self.fields["language"].choices = anything + [
            (code, languages.language_name(code)) for code in languages.codes()
        ]
        self.fields["focus"].choices = anything + [
            (area.slug, area.name) for area in choices["focus_areas"]
        ]
        self.fields["host"].choices = anything + [
            (organisation.slug, organisation.name) for organisation in choices["hosts"]
        ]
        self.fields["region"].choices = anything + list(Region.choices)
        # Only the community sees learning questions: for everyone else the field is not there
        # (and a question in the address is ignored).
        if choices.get("questions"):
            self.fields["question"].choices = anything + list(choices["questions"])
        else:
            del self.fields["question"]

    def clean_month(self) -> str:
        month = self.cleaned_data["month"]
        match = MONTH.fullmatch(month) if month else None
        if month and not match:
            raise ValidationError(_("Give the month as YYYY-MM, for example 2026-11."))
        if match and not MIN_YEAR <= int(match[1]) <= MAX_YEAR:
            raise ValidationError(
                _("Choose a month between %(first)s and %(last)s.")
                % {"first": f"{MIN_YEAR}-01", "last": f"{MAX_YEAR}-12"}
            )
        return month

    def clean_when(self) -> str:
        return self.cleaned_data["when"] or "upcoming"
