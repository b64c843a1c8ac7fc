from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from activities.enums import ActivityFormat
from core.forms import LocalDateTimeField, SafeTextMixin
from core.validators import local_moment
from mentoring.models import MESSAGE_LIMIT, NOTE_LIMIT
from mentoring.selectors import Topic
from mentoring.services import SESSION_MINUTES
from partners.models import FocusArea
from people.models import Skill


def topic_choices() -> list:
    """ "skill:<slug>" and "theme:<slug>", grouped (the two managed lists, names translated)."""
    return [
        ("", _("Choose a topic")),
        (
            _("Skills"),
            [(f"skill:{s.slug}", s.name) for s in Skill.objects.order_by("order", "slug")],
        ),
        (
            _("Themes"),
            [(f"theme:{t.slug}", t.name) for t in FocusArea.objects.order_by("position", "slug")],
        ),
    ]


class TopicField(forms.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=topic_choices, **kwargs)

    def to_topic(self, value: str) -> Topic:
        kind, _sep, slug = (value or "").partition(":")
        if kind == "skill":
            return Topic(skill=Skill.objects.filter(slug=slug).first())
        if kind == "theme":
            return Topic(theme=FocusArea.objects.filter(slug=slug).first())
        return Topic()


class FindForm(SafeTextMixin, forms.Form):
    """The search for peers (GET): a topic, and whether interpretation is fine."""

    topic = TopicField(label=_("I would like mentoring on"))
    interpretation = forms.BooleanField(
        label=_("Interpretation is fine for me"),
        required=False,
        help_text=_("Also suggest people who speak none of my languages."),
    )

    def chosen_topic(self) -> Topic:
        if not self.is_valid():
            return Topic()
        return self.fields["topic"].to_topic(self.cleaned_data["topic"])


class RequestForm(SafeTextMixin, forms.Form):
    topic = TopicField(label=_("Topic"), widget=forms.HiddenInput)
    interpretation = forms.BooleanField(required=False, widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("Your message (optional)"),
        required=False,
        max_length=MESSAGE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "What you would like to learn, and how you would like to meet. Only this person "
            "reads it; not even the Learning Lab team sees it."
        ),
    )
    message_language = forms.ChoiceField(
        label=_("Your message is written in"), choices=settings.LANGUAGES, required=False
    )

    def topic_value(self) -> Topic:
        return self.fields["topic"].to_topic(self.cleaned_data["topic"])


class VersionForm(SafeTextMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=10**6)


class DeclineForm(VersionForm):
    note = forms.CharField(
        label=_("A kind note (optional)"),
        required=False,
        max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example, when you might have time, or someone else to ask."),
    )
    note_language = forms.ChoiceField(
        label=_("Your note is written in"), choices=settings.LANGUAGES, required=False
    )


class EndForm(VersionForm):
    confirm = forms.BooleanField(
        label=_("Yes, end this peer mentoring"),
        help_text=_(
            "Sessions still to come are cancelled, and you are both invited to the anonymous "
            "survey."
        ),
    )


class SessionForm(SafeTextMixin, forms.Form):
    """A session, in the time zone of the person planning it (the other sees it in theirs)."""

    starts_at = LocalDateTimeField(
        label=_("Starts"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    minutes = forms.TypedChoiceField(
        label=_("Length"),
        coerce=int,
        choices=lambda: [
            (m, gettext("%(minutes)s minutes") % {"minutes": m}) for m in SESSION_MINUTES
        ],
        initial=60,
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=ActivityFormat.choices, initial=ActivityFormat.ONLINE
    )
    online_link = forms.URLField(
        label=_("Online meeting link"), required=False, max_length=200, assume_scheme="https"
    )
    place = forms.CharField(label=_("Place"), required=False, max_length=200)

    def __init__(self, *args, zone: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zone

    def clean(self):
        data = super().clean()
        if data.get("starts_at"):
            try:
                data["starts_at"] = local_moment(data["starts_at"], self.zone)
            except forms.ValidationError as error:
                self.add_error("starts_at", error)
        return data


class AcceptForm(SessionForm):
    """Accepting a request plans the first session with it (a private activity for the two)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=10**6)
