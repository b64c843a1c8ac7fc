"""People and regions (issue 18) in a real browser, on a phone and on a desktop screen, with
axe-core on each page: in Spanish, a partner fills in her profile (skills, a language, an
introduction) and finds a French-speaking peer offering fundraising in the directory; in French,
a region's page lists its partners and peers in other regions on the same themes."""

import pytest

from partners.enums import Region
from partners.models import FocusArea
from people.enums import LanguageLevel
from people.models import Profile, ProfileLanguage
from tests.browser.test_journeys import _check_accessibility, _sign_in
from tests.browser.viewports import DESKTOP, PHONE
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    ProfileFactory,
    SkillFactory,
    UserFactory,
)


def _theme(slug: str, name: str) -> FocusArea:
    # Transactional tests empty the tables the migrations filled: make what the test needs.
    return FocusArea.objects.get_or_create(
        slug=slug, defaults={"name": name, "name_en": name, "name_es": name, "name_fr": name}
    )[0]


def _skill(slug: str, en: str, es: str, fr: str):
    return SkillFactory(slug=slug, name=en, name_en=en, name_es=es, name_fr=fr)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_partner_fills_in_her_profile_and_finds_a_french_speaking_fundraiser(
    browser, live_server, viewport
):
    fundraising = _skill("fundraising", "Fundraising", "Recaudación de fondos", "Collecte de fonds")
    _skill("safeguarding", "Safeguarding", "Protección y salvaguarda", "Protection")
    _theme("girls-education", "Educación de las niñas")
    semillas = OrganisationFactory(name="Colectiva Semillas", region=Region.LATIN_AMERICA)
    partner = MembershipFactory(
        organisation=semillas, user=UserFactory(display_name="Valentina Ríos", language="es")
    ).user
    debout = OrganisationFactory(name="Femmes Debout", region=Region.WEST_CENTRAL_AFRICA)
    aminata = MembershipFactory(
        organisation=debout, user=UserFactory(display_name="Aminata Diop", language="fr")
    ).user
    peer = ProfileFactory(
        user=aminata, region=Region.WEST_CENTRAL_AFRICA, introduction_fr="Je finance des femmes."
    )
    peer.skills_offered.add(fundraising)
    ProfileLanguage.objects.create(profile=peer, code="fr", level=LanguageLevel.FIRST)
    context = browser.new_context(viewport=viewport, locale="en-US")
    page = context.new_page()
    try:
        _sign_in(page, live_server, partner, "es")
        page.goto(f"{live_server.url}/es/")
        with page.expect_navigation():
            page.locator("main a[href='/es/people/me/']").first.click()
        _check_accessibility(page)
        page.get_by_label("Protección y salvaguarda").first.check()
        page.locator(f"input[name=skills_sought][value='{fundraising.pk}']").check()
        page.select_option("select[name=language_0]", "es")
        page.select_option("select[name=level_0]", LanguageLevel.FIRST)
        page.select_option("select[name=language_1]", "fr")
        page.select_option("select[name=level_1]", LanguageLevel.BASIC)
        page.select_option("select[name=region]", Region.LATIN_AMERICA)
        page.select_option("select[name=original_language]", "es")
        page.fill("textarea[name=introduction_es]", "Acompaño a colectivas juveniles.")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()
        _check_accessibility(page)
        profile = Profile.objects.get(user=partner)
        assert profile.introduction_es == "Acompaño a colectivas juveniles."
        assert list(profile.languages.values_list("code", flat=True)) == ["es", "fr"]
        assert [skill.slug for skill in profile.skills_sought.all()] == ["fundraising"]

        with page.expect_navigation():
            page.locator("main a[href='/es/people/']").first.click()
        _check_accessibility(page)
        if viewport == PHONE:
            page.locator("summary.list-filters-summary").click()
        page.select_option("select[name=skill]", "fundraising")
        page.select_option("select[name=language]", "fr")
        with page.expect_navigation():
            page.locator("form.directory-filters button[type=submit]").click()
        _check_accessibility(page)
        results = page.locator("main .person-card")
        assert results.count() == 1
        assert "Aminata Diop" in results.first.inner_text()
        with page.expect_navigation():
            results.first.locator("a").first.click()
        _check_accessibility(page)
        assert "Je finance des femmes." in page.locator("main").inner_text()
    finally:
        context.close()


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_region_page_in_french_lists_partners_and_peers(browser, live_server, viewport):
    climate = _theme("climate", "Climat et environnement")
    debout = OrganisationFactory(
        name="Femmes Debout", region=Region.WEST_CENTRAL_AFRICA, visibility="public"
    )
    debout.focus_areas.add(climate)
    reader = MembershipFactory(organisation=debout, user=UserFactory(language="fr")).user
    rosa = MembershipFactory(
        organisation=OrganisationFactory(
            name="Red de Mujeres Andinas", region=Region.LATIN_AMERICA
        ),
        user=UserFactory(display_name="Rosa Quispe", language="es"),
    ).user
    ProfileFactory(user=rosa, region=Region.LATIN_AMERICA).themes.add(climate)
    context = browser.new_context(viewport=viewport, locale="en-US")
    page = context.new_page()
    try:
        _sign_in(page, live_server, reader, "fr")
        page.goto(f"{live_server.url}/fr/regions/")
        _check_accessibility(page)
        with page.expect_navigation():
            page.locator(f"main a[href='/fr/regions/{Region.WEST_CENTRAL_AFRICA}/']").click()
        _check_accessibility(page)
        main = page.locator("main").inner_text()
        assert "Femmes Debout" in main
        assert "Pairs dans d’autres régions" in main
        peers = page.locator("section[aria-labelledby=region-peers]").inner_text()
        assert "Rosa Quispe" in peers and "Climat et environnement" in peers
    finally:
        context.close()
