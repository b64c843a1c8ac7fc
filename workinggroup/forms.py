from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from activities.enums import ActivityFormat, ActivityType, Audience
from core import languages, message_versions
from core.forms import (
    LocalDateTimeField,
    SafeTextMixin,
    SaneDateField,
    narrow_choices,
    shown_unsaved,
)
from core.templatetags.portal import language_names
from core.timezones import ZoneChoiceField, canonical_zone
from core.validators import ends_after_start, ends_after_start_message, local_moment
from partners.models import Organisation
from partners.selectors import traces_for
from workinggroup.enums import (
    Action,
    Decision,
    DecisionMethod,
    FollowUpStatus,
    ItemKind,
    ItemState,
    Stance,
)
from workinggroup.models import TEXT_LIMIT, Item
from workinggroup.selectors import Readers

LANGUAGES = settings.LANGUAGES
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def in_zone(form: forms.Form, cleaned: dict, names: tuple[str, ...]) -> None:
    """Read the wall-clock times typed in `names` in the zone chosen in the form; a time the
    clocks skip or show twice there becomes an error on its field."""
    for name in names:
        if cleaned.get(name):
            try:
                cleaned[name] = local_moment(cleaned[name], cleaned["timezone"])
            except ValidationError as error:
                form.add_error(name, error)


class ItemForm(SafeTextMixin, forms.Form):
    """A proposal or a recommendation as its proposer writes it, in one language."""

    language = forms.ChoiceField(label=_("I am writing in"), choices=LANGUAGES)
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), empty_label=None
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    # Activity proposals only.
    activity_type = forms.ChoiceField(label=_("Type of activity"), choices=ActivityType.choices)
    proposed_hosts = forms.ModelMultipleChoiceField(
        label=_("Proposed host organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty if your organisation hosts it alone."),
    )
    # Its no-JavaScript filter: "Filter" re-posts the form, shown again unsaved (narrow_hosts).
    proposed_hosts_filter = forms.CharField(
        label=_("Find an organisation"), required=False, max_length=100
    )
    preferred_start = SaneDateField(
        label=_("Preferred date, or from"),
        required=False,
        widget=DATE,
        help_text=_("Optional. The team agrees the date with you."),
    )
    preferred_end = SaneDateField(
        label=_("Until (for a date range)"),
        required=False,
        widget=DATE,
        help_text=_("Only if any day in a range suits you."),
    )
    spoken = forms.MultipleChoiceField(
        label=_("Languages it would be held in"),
        choices=LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Required: tick at least one."),
    )
    interpretation = forms.MultipleChoiceField(
        label=_("Interpretation wanted into"),
        choices=LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    format = forms.ChoiceField(label=_("Format"), choices=ActivityFormat.choices)
    audience = forms.ChoiceField(label=_("Expected audience"), choices=Audience.OPEN_CHOICES)
    support_needed = forms.CharField(
        label=_("What support would you need from the Learning Lab team?"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # The version the edit page was rendered with; the service refuses (409) an edit without it
    # or from an older version. Left out when proposing a new item.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    PROPOSAL_ONLY = (
        "activity_type",
        "proposed_hosts",
        "proposed_hosts_filter",
        "preferred_start",
        "preferred_end",
        "spoken",
        "interpretation",
        "format",
        "audience",
        "support_needed",
    )

    def __init__(
        self, *args, kind: str, user, organisations, hosts, item: Item | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["organisation"].queryset = organisations
        self.fields["proposed_hosts"].queryset = hosts
        if kind == ItemKind.RECOMMENDATION:
            for name in self.PROPOSAL_ONLY:
                del self.fields[name]
        if item is None:
            del self.fields["version"]
            self.initial.setdefault("language", user.language)
        else:
            del self.fields["organisation"]
            language = item.original_language
            self.initial.update(
                language=language,
                title=getattr(item, f"title_{language}"),
                description=getattr(item, f"description_{language}"),
                version=item.version,
            )
            if kind == ItemKind.PROPOSAL:
                self.initial.update(
                    activity_type=item.activity_type,
                    proposed_hosts=list(item.proposed_hosts.all()),
                    preferred_start=item.preferred_start,
                    preferred_end=item.preferred_end,
                    spoken=[c for c in item.spoken_languages.split(",") if c],
                    interpretation=[c for c in item.interpretation_languages.split(",") if c],
                    format=item.format,
                    audience=item.audience,
                    support_needed=item.support_needed,
                )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("preferred_start"), cleaned.get("preferred_end")
        if start and end and end < start:
            self.add_error(
                "preferred_end", _("The end of the date range must not be before its start.")
            )
        return cleaned

    def narrow_hosts(self) -> None:
        """The filter step of the proposed hosts: narrowed to the organisations whose name holds
        the typed text, plus the ticked ones; nothing saved, no errors shown."""
        if "proposed_hosts" in self.fields:
            narrow_choices(self, "proposed_hosts", lambda text: Q(name__icontains=text))
        shown_unsaved(self)

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("proposed_hosts_filter", None)
        if self.kind == ItemKind.PROPOSAL:
            data["spoken_languages"] = ",".join(data.pop("spoken"))
            data["interpretation_languages"] = ",".join(data.pop("interpretation"))
        return data


class TranslationForm(SafeTextMixin, forms.Form):
    """Every language version of the title and description, the missing ones empty."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, item: Item, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["version"] = item.version
        for code in languages.codes():
            self.fields[f"title_{code}"] = forms.CharField(
                max_length=200, required=code == item.original_language
            )
            self.fields[f"description_{code}"] = forms.CharField(
                max_length=TEXT_LIMIT,
                required=code == item.original_language,
                widget=forms.Textarea(attrs={"rows": 5}),
            )
            self.initial[f"title_{code}"] = getattr(item, f"title_{code}") or ""
            self.initial[f"description_{code}"] = getattr(item, f"description_{code}") or ""
        languages.label_per_language(
            self, [("title", gettext("Title")), ("description", gettext("Description"))]
        )

    def texts(self) -> dict[str, str]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


def hosts_zone(*, item: Item, viewer) -> str:
    """The zone a proposal is scheduled in (when its decision opens) unless staff choose
    another: its hosts'.
    Organisations have no time zone of their own, so it is the proposer's, and only when
    `viewer` may see the proposer (staff see everyone); else "" (the picker starts at UTC)."""
    proposer = item.proposer
    if proposer is None or not traces_for(viewer).shows_person(proposer):
        return ""
    return canonical_zone(proposer.timezone)


class ModerationForm(SafeTextMixin, forms.Form):
    """One moderation action on one item; which fields matter depends on the action."""

    action = forms.ChoiceField(choices=Action.choices, widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    # The message to the proposer: `message` in the writer's language, `message_xx` in the
    # others (added in __init__: core.message_versions).
    private_note = forms.CharField(
        label=_("Note for the team only"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Never shown to partners."),
    )
    meeting = forms.ModelChoiceField(
        label=_("Meeting"), queryset=None, required=False, empty_label=None
    )
    merge_into = forms.ModelChoiceField(label=_("Merge into"), queryset=None, required=False)

    def __init__(self, *args, meetings, merge_targets, action: str = "", **kwargs):
        # One form per action on the item page: each gets its own ids (`id_approve_message`),
        # while the field names stay the same, so the page never repeats an id.
        if action in Action.values:  # never a sent value that is no action: it becomes an id
            kwargs.setdefault("auto_id", f"id_{action}_%s")
        # The writer's language, and who reads the message (workinggroup.selectors).
        language = kwargs.pop("language", "") or get_language()
        readers: Readers | None = kwargs.pop("readers", None)
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["merge_into"].queryset = merge_targets
        # Never required here: the service says "write a message" for the actions that need one.
        message_versions.add_versions(
            self,
            "message",
            label=gettext("Message to the proposer"),
            language=language,
            required=False,
            max_length=TEXT_LIMIT,
            help_text=gettext("The proposer reads this, in the email and on the page."),
        )
        self.readers_line = _readers_line(readers) if readers is not None else ""

    def messages(self) -> dict[str, str]:
        """The message to the proposer, {code: text} for every portal language."""
        return message_versions.versions(self, "message")

    def message_fields(self) -> message_versions.Versions:
        return message_versions.bound_versions(self, "message")


def _readers_line(readers: Readers) -> str:
    """Who reads a moderation message, by language: "The proposer reads Spanish. The 5 people
    who support it read: French (3), English (2)." """
    sentences = []
    if readers.proposer:
        sentences.append(
            gettext("The proposer reads %(language)s.")
            % {"language": language_names(readers.proposer)}
        )
    count = sum(number for _code, number in readers.supporters)
    if count:
        sentences.append(
            ngettext(
                "The person who supports it reads: %(languages)s.",
                "The %(count)s people who support it read: %(languages)s.",
                count,
            )
            % {
                "count": count,
                "languages": message_versions.languages_with_counts(readers.supporters),
            }
        )
    if not sentences:
        return gettext("Nobody will be emailed: the message is shown on the item’s page.")
    return " ".join(sentences)


class CommentForm(SafeTextMixin, forms.Form):
    body = forms.CharField(
        label=_("Your comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class MeetingForm(SafeTextMixin, forms.Form):
    starts_at = LocalDateTimeField(label=_("Date and time"), widget=DATETIME)
    timezone = ZoneChoiceField(label=_("Time zone"))
    decision_method = forms.ChoiceField(
        label=_("The Working Group decides its items"),
        choices=DecisionMethod.choices,
        initial=DecisionMethod.CONSENT,
        widget=forms.RadioSelect,
        help_text=_("The usual method; it can be chosen for each item when its decision opens."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("starts_at") and cleaned.get("timezone"):
            in_zone(self, cleaned, ("starts_at",))
        return cleaned


class FreeEntryForm(SafeTextMixin, forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGES)
    title = forms.CharField(label=_("Agenda item"), max_length=200)

    def titles(self) -> dict[str, str]:
        return {f"title_{self.cleaned_data['language']}": self.cleaned_data["title"]}


class OutcomeForm(SafeTextMixin, forms.Form):
    discussed = forms.BooleanField(label=_("Discussed"), required=False)
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("", "---------"), *Decision.choices], required=False
    )
    language = forms.ChoiceField(label=_("Notes written in"), choices=LANGUAGES)
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, for_item: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if for_item:
            # An item on the agenda is decided by the members (its decision on its page); the
            # team records only that it was discussed, and notes.
            del self.fields["decision"]

    def note_fields(self) -> dict[str, str]:
        return {f"outcome_notes_{self.cleaned_data['language']}": self.cleaned_data["notes"]}


class QueueFilterForm(SafeTextMixin, forms.Form):
    state = forms.ChoiceField(label=_("State"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    language = forms.ChoiceField(label=_("Written in"), required=False)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        self.fields["state"].choices = anything + list(ItemState.choices)
        self.fields["kind"].choices = anything + list(ItemKind.choices)
        self.fields["language"].choices = anything + [
            (code, languages.language_name(code)) for code in languages.codes()
        ]
        self.fields["organisation"].choices = anything + [(o.slug, o.name) for o in organisations]


class FollowUpForm(SafeTextMixin, forms.Form):
    """A follow-up action of an approved recommendation, described in each language the team
    writes."""

    owner = forms.CharField(
        label=_("Who is responsible"),
        max_length=200,
        help_text=_("A team or a role, such as “The Learning Lab team”. It is shown to everyone."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=FollowUpStatus.choices)
    due_on = SaneDateField(label=_("Planned for"), required=False, widget=DATE)

    def __init__(self, *args, follow_up=None, **kwargs):
        super().__init__(*args, **kwargs)
        for code in languages.codes():
            self.fields[f"description_{code}"] = forms.CharField(
                required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
            )
        languages.label_per_language(self, [("description", gettext("What will be done"))])
        # The descriptions first, then who, status and date.
        order = [*languages.per_language("description"), "owner", "status", "due_on"]
        self.order_fields(order)
        if follow_up is not None:
            self.initial.update({name: getattr(follow_up, name) for name in self.fields})

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in languages.per_language("description")):
            raise ValidationError(_("Describe the action in at least one language."))
        return cleaned


# --- Decisions of the Working Group ------------------------------------------------------------


class DecisionForm(SafeTextMixin, forms.Form):
    """A facilitator opens a decision of the Working Group: how, until when, at which meeting
    (or between meetings) and, for a proposal, when the activity would be held."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    method = forms.ChoiceField(
        label=_("How the Working Group decides"),
        choices=DecisionMethod.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "By consent, it passes unless a member objects, with a reason. By vote, enough "
            "members must take part (the quorum), and it passes with more yes than no."
        ),
    )
    closes_at = LocalDateTimeField(
        label=_("Members answer until"),
        widget=DATETIME,
        help_text=_("At least 24 hours from now, so members in every time zone can answer."),
    )
    closes_zone = ZoneChoiceField(label=_("Time zone of the deadline"))
    quorum = forms.IntegerField(
        label=_("Quorum (votes only)"),
        required=False,
        min_value=1,
        max_value=10000,
        help_text=_("How many members must take part. Empty: a majority of the members."),
    )
    meeting = forms.ModelChoiceField(
        label=_("Meeting"),
        queryset=None,
        required=False,
        empty_label=_("Between meetings"),
    )
    # A proposal: the activity's date and time, in the hosts' zone (as the members decide it).
    starts_at = LocalDateTimeField(
        label=_("Starts (hosts' local time)"), required=False, widget=DATETIME
    )
    ends_at = LocalDateTimeField(
        label=_("Ends (hosts' local time)"), required=False, widget=DATETIME
    )
    timezone = ZoneChoiceField(label=_("Time zone of the hosts"), required=False)

    SCHEDULE = ("starts_at", "ends_at", "timezone")

    def __init__(self, *args, item: Item, meetings, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        self.fields["meeting"].queryset = meetings
        meeting = meetings.first()
        self.initial.update(
            version=item.version,
            meeting=meeting,
            method=meeting.decision_method if meeting else DecisionMethod.CONSENT,
            closes_zone=canonical_zone(viewer.timezone),
        )
        if item.is_proposal:
            for name in self.SCHEDULE:
                self.fields[name].required = True
            zone = hosts_zone(item=item, viewer=viewer)
            if zone:
                self.initial["timezone"] = zone
        else:
            for name in self.SCHEDULE:
                del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("closes_at") and cleaned.get("closes_zone"):
            try:
                cleaned["closes_at"] = local_moment(cleaned["closes_at"], cleaned["closes_zone"])
            except ValidationError as error:
                self.add_error("closes_at", error)
        if cleaned.get("starts_at") and cleaned.get("ends_at") and cleaned.get("timezone"):
            in_zone(self, cleaned, ("starts_at", "ends_at"))
            if not ends_after_start(cleaned.get("starts_at"), cleaned.get("ends_at")):
                self.add_error("ends_at", ends_after_start_message())
        return cleaned


class PositionForm(SafeTextMixin, forms.Form):
    """A member's position in a decision (or the one a facilitator records for a member): the
    stances of the decision's method, and the reason (required to object)."""

    stance = forms.ChoiceField(label=_("Your position"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Your reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to object. The proposer reads the reasons, not who gave them."),
    )
    member = forms.ModelChoiceField(label=_("Member"), queryset=None, required=False)

    def __init__(self, *args, decision_round, members=None, **kwargs):
        # The facilitator's form has its own ids next to the member's own on the same page.
        if members is not None:
            kwargs.setdefault("auto_id", "id_record_%s")
        super().__init__(*args, **kwargs)
        self.fields["stance"].choices = [
            (stance.value, stance.label) for stance in Stance.BY_METHOD[decision_round.method]
        ]
        if members is None:
            del self.fields["member"]
        else:
            self.fields["member"].queryset = members
            self.fields["member"].required = True
            self.fields["member"].label = _("Member who said it in the meeting")
            self.fields["stance"].label = _("Their position")
            self.fields["reason"].label = _("Their reason")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("stance") == Stance.OBJECT and not (cleaned.get("reason") or "").strip():
            self.add_error(
                "reason",
                _("Say why you object: the proposer reads the reasons (not who gave them)."),
            )
        return cleaned


class CancelDecisionForm(SafeTextMixin, forms.Form):
    message = forms.CharField(
        label=_("Why (the proposer and the members read it)"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
