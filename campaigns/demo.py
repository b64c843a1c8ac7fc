"""Demo campaigns: the current or coming 16 Days of Activism, the International Day of the Girl
of this year and the next (by the team), and a partner campaign of Mujeres Unidas por la Salud
(by its lead) in three months; a partner hosts a public webinar during the 16 Days, and partners
tag their activities, stories and resources to them. Created through the services. The dates
follow the day the demo is loaded, so the 16 Days is always on now or coming."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from accounts.models import User
from activities import services as activity_services
from activities.enums import ActivityStatus, LedBy
from campaigns import selectors, services
from campaigns.enums import CampaignAudience, CampaignKind, ItemKind
from campaigns.models import Campaign
from partners.enums import MembershipRole
from partners.models import Membership, Organisation


def _sixteen_days(year: int) -> dict:
    return {
        "slug": f"16-days-{year}",
        "kind": CampaignKind.INTERNATIONAL,
        "original_language": "en",
        "starts_on": datetime.date(year, 11, 25),
        "ends_on": datetime.date(year, 12, 10),
        "hashtag": "16Days",
        "link": "https://www.unwomen.org/en/get-involved/16-days-of-activism",
        "title_en": f"16 Days of Activism against Gender-Based Violence {year}",
        "title_es": f"16 Días de Activismo contra la Violencia de Género {year}",
        "title_fr": f"16 jours d’activisme contre la violence basée sur le genre {year}",
        "summary_en": "From 25 November, the International Day for the Elimination of Violence "
        "against Women, to 10 December, Human Rights Day, partners speak out against violence.",
        "summary_es": "Del 25 de noviembre, Día Internacional de la Eliminación de la Violencia "
        "contra la Mujer, al 10 de diciembre, Día de los Derechos Humanos, las socias alzan "
        "la voz.",
        "summary_fr": "Du 25 novembre, Journée internationale pour l’élimination de la violence à "
        "l’égard des femmes, au 10 décembre, Journée des droits humains, les partenaires prennent "
        "la parole.",
        "call_to_action_en": "Add your event or story to the campaign, wear orange, and share "
        "#16Days with what your organisation does.",
        "call_to_action_es": "Añade tu evento o tu historia a la campaña, vístete de naranja y "
        "comparte #16Days con lo que hace tu organización.",
        "call_to_action_fr": "Ajoutez votre événement ou votre récit à la campagne, portez de "
        "l’orange et partagez #16Days avec ce que fait votre organisation.",
    }


def sixteen_days_year(today: datetime.date) -> int:
    """The year of the 16 Days on now or coming, with at least two of its days still ahead."""
    return today.year if today <= datetime.date(today.year, 12, 8) else today.year + 1


def _girls_day(year: int) -> dict:
    return {
        "slug": f"day-of-the-girl-{year}",
        "kind": CampaignKind.INTERNATIONAL,
        "original_language": "en",
        "starts_on": datetime.date(year, 10, 11),
        "ends_on": datetime.date(year, 10, 11),
        "hashtag": "DayOfTheGirl",
        "title_en": f"International Day of the Girl {year}",
        "title_es": f"Día Internacional de la Niña {year}",
        "title_fr": f"Journée internationale de la fille {year}",
        "call_to_action_en": "Ask the girls you work with what they want decision-makers to "
        "hear, and share it in their words.",
        "call_to_action_es": "Pregunta a las niñas con las que trabajas qué quieren que "
        "escuchen quienes deciden, y compártelo con sus palabras.",
        "call_to_action_fr": "Demandez aux filles avec qui vous travaillez ce qu’elles veulent "
        "que les décideurs entendent, et partagez-le avec leurs mots.",
    }


PARTNER_CAMPAIGN = {
    "slug": "salud-sin-miedo",
    "kind": CampaignKind.PARTNER,
    "original_language": "es",
    "hashtag": "SaludSinMiedo",
    "title_es": "Salud sin miedo",
    "title_en": "Health without fear",
    "call_to_action_es": "Cuéntanos qué pregunta de salud nunca te atreviste a hacer: la "
    "responderemos en la radio.",
    "call_to_action_en": "Tell us the health question you never dared to ask: we will answer "
    "it on the radio.",
}
PARTNER_ORGANISATION = "mujeres-unidas-salud"
# Organisations whose first member tags their first item of each kind to the 16 Days.
TAGGING = ["tujenge-womens-network", "fanm-vanyan", "mujeres-unidas-salud", "femmes-debout-thies"]
# The partner hosting a public webinar during the 16 Days, and its time zone.
WEBINAR_ORGANISATION = "femmes-debout-thies"
WEBINAR_TIMEZONE = "Africa/Dakar"
WEBINAR_TITLES = {
    "fr": "Briser le silence : des radios communautaires contre les violences",
    "en": "Breaking the silence: community radio against violence",
    "es": "Romper el silencio: radios comunitarias contra la violencia",
}
WEBINAR_DESCRIPTIONS = {
    "fr": "Trois animatrices racontent comment leurs émissions ouvrent la parole sur les "
    "violences, et ce qu’elles font quand une auditrice appelle à l’aide.",
}


def _tag(campaign: Campaign, organisation: Organisation | None) -> int:
    """The first member of `organisation` tags its first item of each kind: activities only
    when they take place during the campaign (or in the two weeks before it)."""
    membership = Membership.objects.filter(organisation=organisation).select_related("user").first()
    if membership is None:
        return 0
    created = 0
    for kind in ItemKind.values:
        items = selectors.addable(user=membership.user, campaign=campaign, kind=kind)
        if kind == ItemKind.ACTIVITY:
            items = items.filter(
                starts_at__date__gte=campaign.starts_on - datetime.timedelta(days=14),
                starts_at__date__lte=campaign.ends_on,
            )
        item = items.first()
        if item is not None:
            services.add_item(campaign=campaign, by=membership.user, kind=kind, item_id=item.pk)
            created += 1
    return created


def load(*, organisations: dict[str, Organisation], staff: User) -> int:
    """Create the demo campaigns once (nothing when any exists). Returns how many rows."""
    if Campaign.objects.exists():
        return 0
    today = timezone.localdate()
    created = 0
    sixteen_days = services.create_campaign(by=staff, **_sixteen_days(sixteen_days_year(today)))
    for year in (today.year, today.year + 1):
        services.create_campaign(by=staff, **_girls_day(year))
    created += 3
    organisation = organisations.get(PARTNER_ORGANISATION)
    lead = Membership.objects.filter(organisation=organisation, role=MembershipRole.LEAD).first()
    if lead is not None:
        first_day = (today.replace(day=1) + datetime.timedelta(days=95)).replace(day=1)
        partner = services.create_campaign(
            by=lead.user,
            organisation=organisation,
            audience=CampaignAudience.PUBLIC,
            starts_on=first_day,
            ends_on=first_day + datetime.timedelta(days=27),
            **PARTNER_CAMPAIGN,
        )
        created += 1 + _tag(partner, organisation)
    created += _webinar(sixteen_days, organisations.get(WEBINAR_ORGANISATION), today)
    for slug in TAGGING:
        created += _tag(sixteen_days, organisations.get(slug))
    return created


def _webinar(campaign: Campaign, organisation: Organisation | None, today: datetime.date) -> int:
    """A public webinar the partner hosts during the campaign, at 15:00 in Dakar, on the
    campaign's third day or the day after tomorrow, whichever is later."""
    lead = Membership.objects.filter(organisation=organisation, role=MembershipRole.LEAD).first()
    if lead is None:
        return 0
    day = max(campaign.starts_on + datetime.timedelta(days=2), today + datetime.timedelta(days=2))
    starts = datetime.datetime.combine(day, datetime.time(15), ZoneInfo(WEBINAR_TIMEZONE))
    data = {
        "type": "webinar",
        "original_language": "fr",
        "spoken_languages": "fr",
        "interpretation_languages": "en,es",
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=1, minutes=30),
        "timezone": WEBINAR_TIMEZONE,
        "format": "online",
        "place": "",
        "online_link": "https://meet.example/ll-16-days",
        "capacity": 100,
        "registration_deadline": None,
        "audience": "public",
    }
    for code in ("en", "es", "fr"):
        data[f"title_{code}"] = WEBINAR_TITLES.get(code, "")
        data[f"description_{code}"] = WEBINAR_DESCRIPTIONS.get(code, "")
    activity = activity_services.create_activity(
        by=lead.user,
        data=data,
        status=ActivityStatus.SCHEDULED,
        host_organisations=[organisation],
        host_people=[lead.user],
        focus_areas=[],
        led_by=LedBy.PARTNERS,
    )
    services.add_item(campaign=campaign, by=lead.user, kind=ItemKind.ACTIVITY, item_id=activity.pk)
    return 2
