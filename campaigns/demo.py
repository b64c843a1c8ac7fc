"""Demo campaigns: 16 Days of Activism 2026, the International Day of the Girl 2026 and 2027 (by
the team), and a partner campaign of Mujeres Unidas por la Salud (by its lead); partners tag
some of their activities, stories and resources to them. Created through the services."""

import datetime

from accounts.models import User
from campaigns import selectors, services
from campaigns.enums import CampaignAudience, CampaignKind, ItemKind
from campaigns.models import Campaign
from partners.enums import MembershipRole
from partners.models import Membership, Organisation

SIXTEEN_DAYS = {
    "slug": "16-days-2026",
    "kind": CampaignKind.INTERNATIONAL,
    "original_language": "en",
    "starts_on": datetime.date(2026, 11, 25),
    "ends_on": datetime.date(2026, 12, 10),
    "hashtag": "16Days",
    "link": "https://www.unwomen.org/en/get-involved/16-days-of-activism",
    "title_en": "16 Days of Activism against Gender-Based Violence 2026",
    "title_es": "16 Días de Activismo contra la Violencia de Género 2026",
    "title_fr": "16 jours d’activisme contre la violence basée sur le genre 2026",
    "summary_en": "From 25 November, the International Day for the Elimination of Violence "
    "against Women, to 10 December, Human Rights Day, partners speak out against violence.",
    "summary_es": "Del 25 de noviembre, Día Internacional de la Eliminación de la Violencia "
    "contra la Mujer, al 10 de diciembre, Día de los Derechos Humanos, las socias alzan la voz.",
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
    "slug": "salud-sin-miedo-2027",
    "kind": CampaignKind.PARTNER,
    "original_language": "es",
    "starts_on": datetime.date(2027, 3, 1),
    "ends_on": datetime.date(2027, 3, 31),
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


def _tag(campaign: Campaign, organisation: Organisation | None) -> int:
    membership = Membership.objects.filter(organisation=organisation).select_related("user").first()
    if membership is None:
        return 0
    created = 0
    for kind in ItemKind.values:
        item = selectors.addable(user=membership.user, campaign=campaign, kind=kind).first()
        if item is not None:
            services.add_item(campaign=campaign, by=membership.user, kind=kind, item_id=item.pk)
            created += 1
    return created


def load(*, organisations: dict[str, Organisation], staff: User) -> int:
    """Create the demo campaigns once (nothing when any exists). Returns how many rows."""
    if Campaign.objects.exists():
        return 0
    created = 0
    sixteen_days = services.create_campaign(by=staff, **SIXTEEN_DAYS)
    for year in (2026, 2027):
        services.create_campaign(by=staff, **_girls_day(year))
    created += 3
    organisation = organisations.get(PARTNER_ORGANISATION)
    lead = Membership.objects.filter(organisation=organisation, role=MembershipRole.LEAD).first()
    if lead is not None:
        partner = services.create_campaign(
            by=lead.user,
            organisation=organisation,
            audience=CampaignAudience.PUBLIC,
            **PARTNER_CAMPAIGN,
        )
        created += 1 + _tag(partner, organisation)
    for slug in TAGGING:
        created += _tag(sixteen_days, organisations.get(slug))
    return created
