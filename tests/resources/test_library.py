import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from activities.models import Material
from partners.enums import MembershipRole, Visibility
from partners.models import FocusArea
from resources import services
from resources.models import Resource, ResourceFile
from tests.factories import (
    ActivityFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnerFactory,
    ResourceFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 a small test file"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _list(client, **params):
    return client.get(reverse("resources:list"), params)


def _form(**overrides):
    data = {
        "language": "es",
        "kind": "toolkit",
        "licence": "cc-by-4.0",
        "visibility": "public",
        "title_es": "Caja de herramientas",
        "summary_es": "Para talleres.",
        "link_es": "https://example.org/es",
    }
    data.update(overrides)
    return data


# --- seeing ------------------------------------------------------------------------------------


def test_visitor_sees_public_resources_only(client):
    ResourceFactory(title_en="Open toolkit")
    ResourceFactory(title_en="Community toolkit", visibility="community")
    organisation = OrganisationFactory()
    ResourceFactory(title_en="Own toolkit", visibility="organisation", organisations=[organisation])

    page = _list(client).content.decode()

    assert "Open toolkit" in page
    assert "Community toolkit" not in page
    assert "Own toolkit" not in page


def test_organisation_resource_only_for_its_makers(client):
    organisation = OrganisationFactory()
    member = MembershipFactory(organisation=organisation).user
    resource = ResourceFactory(visibility="organisation", organisations=[organisation])

    client.force_login(PartnerFactory())
    assert client.get(reverse("resources:detail", args=[resource.pk])).status_code == 404
    client.force_login(member)
    assert client.get(reverse("resources:detail", args=[resource.pk])).status_code == 200
    client.force_login(StaffFactory())
    assert client.get(reverse("resources:detail", args=[resource.pk])).status_code == 200


def test_public_resource_of_hidden_organisation_never_names_it(client):
    hidden = OrganisationFactory(name="Secret Shelter", visibility=Visibility.HIDDEN)
    resource = ResourceFactory(title_en="Safety plan", organisations=[hidden])

    for viewer in (None, PartnerFactory()):
        if viewer:
            client.force_login(viewer)
        listing = _list(client).content.decode()
        page = client.get(reverse("resources:detail", args=[resource.pk])).content.decode()
        assert "Safety plan" in listing and "Safety plan" in page
        assert "Secret Shelter" not in listing + page
        assert "A partner organisation" in page
    client.force_login(MembershipFactory(organisation=hidden).user)
    assert (
        "Secret Shelter"
        in client.get(reverse("resources:detail", args=[resource.pk])).content.decode()
    )


def test_hidden_by_staff_is_gone_for_everyone_but_staff(client):
    resource = ResourceFactory(title_en="Abusive")
    services.moderate(resource=resource, by=StaffFactory(), hide=True, reason="Spam")

    assert "Abusive" not in _list(client).content.decode()
    assert client.get(reverse("resources:detail", args=[resource.pk])).status_code == 404
    client.force_login(StaffFactory())
    assert "Spam" in client.get(reverse("resources:detail", args=[resource.pk])).content.decode()


def test_moderation_needs_a_reason_and_staff(client):
    resource = ResourceFactory()
    client.force_login(PartnerFactory())
    url = reverse("resources:moderate", args=[resource.pk])
    assert client.post(url, {"hide": "yes", "reason": "x"}).status_code == 403
    client.force_login(StaffFactory())
    assert client.post(url, {"hide": "yes", "reason": " "}).status_code == 400
    assert client.post(url, {"hide": "maybe"}).status_code == 400
    assert client.post(url, {"hide": "yes", "reason": "Spam"}).status_code == 302
    assert Resource.objects.get().hidden_by_staff


# --- search and filters --------------------------------------------------------------------------


def test_search_finds_every_language(client):
    ResourceFactory(
        title_en="Unrelated", title_es="Guía de facilitación", summary_fr="Boîte à outils"
    )

    assert "Unrelated" in _list(client, q="facilitación").content.decode()
    assert "Unrelated" in _list(client, q="outils").content.decode()
    assert "Unrelated" not in _list(client, q="zebra").content.decode()


def test_filters_by_theme_region_type_and_language(client):
    theme = FocusArea.objects.create(slug="zz-climate", name="Climate")
    match = ResourceFactory(
        title_en="Match", kind="curriculum", regions=",south_asia,", files=False
    )
    match.themes.add(theme)
    ResourceFile.objects.create(resource=match, language="fr", link="https://example.org/fr")
    ResourceFactory(title_en="Other", kind="toolkit", regions=",south_asia_x,")

    page = _list(
        client, theme="zz-climate", region="south_asia", type="curriculum", language="fr"
    ).content.decode()

    assert "Match" in page and "Other" not in page
    assert "Other" not in _list(client, region="south_asia").content.decode()


def test_bad_filters_are_refused_with_400(client):
    assert _list(client, type="virus").status_code == 400
    assert _list(client, q="x" * 500).status_code == 400
    assert _list(client, q="a\x00b").status_code == 400


# --- activity materials ---------------------------------------------------------------------------


def _material(activity, title="Workshop slides", **kwargs):
    return Material.objects.create(
        activity=activity,
        kind=kwargs.pop("kind", "slides"),
        title=title,
        language=kwargs.pop("language", "es"),
        file=SimpleUploadedFile("s.pdf", PDF),
    )


def test_materials_appear_for_the_community_linked_to_their_activity(client):
    activity = ActivityFactory(title_en="Budget clinic")
    material = _material(activity)

    assert "Workshop slides" not in _list(client).content.decode()
    client.force_login(PartnerFactory())
    page = _list(client).content.decode()

    assert "Workshop slides" in page
    assert "From the activity" in page and "Budget clinic" in page
    assert reverse("activities:material", args=[activity.pk, material.pk]) in page
    assert reverse("activities:detail", args=[activity.pk]) in page
    # No copy: the library serves nothing of its own for it.
    assert ResourceFile.objects.count() == 0


def test_material_filters(client):
    _material(ActivityFactory(), title="Recording talk", kind="recording", language="fr")
    _material(ActivityFactory(), title="Notes talk", kind="notes", language="es")
    client.force_login(PartnerFactory())

    assert "Recording talk" in _list(client, type="recording").content.decode()
    assert "Notes talk" not in _list(client, type="recording").content.decode()
    assert "Notes talk" in _list(client, type="document", language="es").content.decode()
    assert "Notes talk" not in _list(client, language="fr").content.decode()
    assert "Notes talk" not in _list(client, region="south_asia").content.decode()


def test_signed_in_stranger_sees_no_materials(client):
    _material(ActivityFactory(audience="public"))
    client.force_login(UserFactory())
    assert "Workshop slides" not in _list(client).content.decode()


def test_list_queries_are_constant(client, django_assert_max_num_queries):
    organisation = OrganisationFactory()
    member = MembershipFactory(organisation=organisation).user
    client.force_login(member)

    def grow(n):
        for index in range(n):
            resource = ResourceFactory(organisations=[organisation], visibility="community")
            resource.themes.add(FocusArea.objects.get_or_create(slug=f"t{index}", name="T")[0])
            _material(ActivityFactory(hosts=[organisation]), title=f"M{index}")

    grow(2)
    with django_assert_max_num_queries(20) as small:
        assert client.get(reverse("resources:list")).status_code == 200
    grow(8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(reverse("resources:list")).status_code == 200


# --- files ------------------------------------------------------------------------------------


def _with_file(visibility="public", organisations=()):
    resource = ResourceFactory(
        visibility=visibility, organisations=list(organisations), files=False
    )
    entry = ResourceFile.objects.create(
        resource=resource, language="es", file=SimpleUploadedFile("guia.pdf", PDF)
    )
    return resource, entry


def test_public_file_downloads_for_anyone(client):
    resource, entry = _with_file()
    response = client.get(reverse("resources:file", args=[resource.pk, entry.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert entry.file.name.startswith("resources/") and "guia" not in entry.file.name


def test_community_file_refused_to_visitors_and_strangers(client):
    resource, entry = _with_file(visibility="community")
    url = reverse("resources:file", args=[resource.pk, entry.pk])
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(PartnerFactory())
    assert client.get(url).status_code == 200


def test_file_of_another_resource_is_not_found(client):
    resource, _entry = _with_file()
    _other, other_entry = _with_file(visibility="community")
    assert (
        client.get(reverse("resources:file", args=[resource.pk, other_entry.pk])).status_code == 404
    )


# --- adding and editing -----------------------------------------------------------------------


def test_member_adds_a_spanish_toolkit_with_a_pdf(client):
    organisation = OrganisationFactory()
    member = MembershipFactory(organisation=organisation).user
    client.force_login(member)
    theme = FocusArea.objects.create(slug="zz-rights", name="Rights")

    response = client.post(
        reverse("resources:add"),
        _form(
            link_es="",
            file_es=SimpleUploadedFile("guia.pdf", PDF),
            file_fr=SimpleUploadedFile("guide.pdf", PDF),
            organisations=[organisation.pk],
            themes=[theme.pk],
            regions=["latin_america"],
        ),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    resource = Resource.objects.get()
    assert (resource.title_es, resource.added_by, resource.region_list) == (
        "Caja de herramientas",
        member,
        ["latin_america"],
    )
    assert sorted(resource.files.values_list("language", flat=True)) == ["es", "fr"]
    assert list(resource.organisations.all()) == [organisation]


@pytest.mark.parametrize(
    "overrides",
    [
        {"title_es": ""},
        {"title_es": "x" * 201},
        {"title_es": "bad\x00title"},
        {"summary_es": "y" * 3001},
        {"kind": "virus"},
        {"link_es": ""},  # nothing to download
        {"link_es": "javascript:alert(1)"},
        {"file_es": SimpleUploadedFile("fake.pdf", b"MZ not a pdf")},
        {"file_es": SimpleUploadedFile("run.exe", PDF)},
        {"visibility": "organisation"},  # without a maker
    ],
)
def test_add_refuses_bad_input_with_400(client, overrides):
    client.force_login(PartnerFactory())
    response = client.post(reverse("resources:add"), _form(**overrides))
    assert response.status_code == 400
    assert Resource.objects.count() == 0


def test_too_large_file_is_refused(client, settings):
    settings.MATERIAL_MAX_BYTES = 10
    client.force_login(PartnerFactory())
    response = client.post(
        reverse("resources:add"), _form(link_es="", file_es=SimpleUploadedFile("g.pdf", PDF))
    )
    assert response.status_code == 400
    assert Resource.objects.count() == 0


def test_member_cannot_name_another_organisation(client):
    client.force_login(PartnerFactory())
    other = OrganisationFactory()
    response = client.post(reverse("resources:add"), _form(organisations=[other.pk]))
    assert response.status_code == 400
    assert Resource.objects.count() == 0


def test_visitor_and_stranger_cannot_add(client):
    assert client.get(reverse("resources:add")).status_code == 302
    client.force_login(UserFactory())
    assert client.get(reverse("resources:add")).status_code == 403


def _edit_data(resource, **overrides):
    data = _form(
        language=resource.original_language,
        title_en=resource.title_en,
        title_es="",
        link_es="",
        version=resource.version,
        kind=resource.kind,
        visibility=resource.visibility,
    )
    data.update(overrides)
    return data


def test_edit_by_adder_lead_and_staff_only(client):
    organisation = OrganisationFactory()
    adder = MembershipFactory(organisation=organisation).user
    lead = MembershipFactory(organisation=organisation, role=MembershipRole.LEAD).user
    colleague = MembershipFactory(organisation=organisation).user
    resource = ResourceFactory(added_by=adder, organisations=[organisation])
    url = reverse("resources:edit", args=[resource.pk])
    for person, status in [
        (adder, 200),
        (lead, 200),
        (StaffFactory(), 200),
        (colleague, 403),
        (PartnerFactory(), 403),
    ]:
        client.force_login(person)
        assert client.get(url).status_code == status


def test_edit_from_a_stale_page_is_refused_with_409(client):
    organisation = OrganisationFactory()
    adder = MembershipFactory(organisation=organisation).user
    resource = ResourceFactory(added_by=adder, organisations=[organisation])
    client.force_login(adder)
    url = reverse("resources:edit", args=[resource.pk])
    data = _edit_data(resource, organisations=[organisation.pk], title_en="New")

    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "title_en": "Older"})

    assert response.status_code == 409
    assert Resource.objects.get().title_en == "New"


def test_edit_keeps_a_maker_the_editor_may_not_name(client):
    hidden = OrganisationFactory(visibility=Visibility.HIDDEN)
    mine = OrganisationFactory()
    adder = MembershipFactory(organisation=mine).user
    resource = ResourceFactory(added_by=adder, organisations=[mine, hidden])
    client.force_login(adder)

    response = client.post(
        reverse("resources:edit", args=[resource.pk]),
        _edit_data(resource, organisations=[mine.pk]),
    )

    assert response.status_code == 302
    assert set(Resource.objects.get().organisations.all()) == {mine, hidden}


def test_edit_replaces_and_removes_files(client):
    resource, entry = _with_file()
    resource.added_by = PartnerFactory()
    resource.save()
    ResourceFile.objects.create(resource=resource, language="fr", link="https://example.org/fr")
    client.force_login(resource.added_by)

    response = client.post(
        reverse("resources:edit", args=[resource.pk]),
        _edit_data(resource, file_es=SimpleUploadedFile("n.pdf", PDF), remove_fr="on"),
    )

    assert response.status_code == 302
    files = list(Resource.objects.get().files.all())
    assert [f.language for f in files] == ["es"] and files[0].pk != entry.pk


# --- demo ---------------------------------------------------------------------------------------


def test_demo_shows_a_year_of_the_library(client):
    for _ in range(2):  # idempotent
        call_command("load_demo_data", allow_production=True, stdout=io.StringIO())

    resources = Resource.objects.all()
    assert resources.count() >= 8
    toolkit = resources.get(title_es__startswith="Caja de herramientas")
    assert sorted(toolkit.files.values_list("language", flat=True)) == ["es", "fr"]
    assert toolkit.files.get(language="es").file.read(5) == b"%PDF-"
    assert {r.visibility for r in resources} == {"public", "community", "organisation"}
    assert resources.filter(organisations__visibility=Visibility.HIDDEN).exists()
    page = client.get("/es/library/", {"q": "herramientas", "language": "es"}).content.decode()
    assert "Caja de herramientas" in page


def test_hostile_characters_are_shown_as_text(client):
    ResourceFactory(title_en='It\'s <b>bold</b> & "quoted"', summary_en="<script>x</script>")
    page = _list(client).content.decode()
    assert "<b>bold</b>" not in page and "<script>x</script>" not in page
    assert "It&#x27;s &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;" in page


def test_hidden_organisation_member_sees_its_own_resource(client):
    hidden = OrganisationFactory(visibility=Visibility.HIDDEN)
    ResourceFactory(title_en="Internal plan", visibility="organisation", organisations=[hidden])
    client.force_login(PartnerFactory())
    assert "Internal plan" not in _list(client).content.decode()
    client.force_login(MembershipFactory(organisation=hidden).user)
    assert "Internal plan" in _list(client).content.decode()


def test_visitor_list_queries_are_constant(client, django_assert_max_num_queries):
    def grow(n):
        for _ in range(n):
            ResourceFactory(organisations=[OrganisationFactory(visibility=Visibility.HIDDEN)])

    grow(2)
    with django_assert_max_num_queries(12) as small:
        _list(client)
    grow(10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        _list(client)


@pytest.mark.django_db
def test_a_card_reads_well_in_spanish_languages_in_lower_case_each_text_s_language_said(client):
    """Read in Spanish: the languages it exists in as inside a sentence ("inglés, francés"), the
    title's language on its own line, and a summary in yet another language said too."""
    resource = ResourceFactory(
        title_en="",
        title_fr="Guide pour les paralégales",
        summary_en="The steps, from listening to the court.",
        original_language="fr",
        files=False,
    )
    for language in ("fr", "en"):
        ResourceFile.objects.create(
            resource=resource, language=language, link=f"https://example.org/{language}"
        )

    html = client.get("/es/library/").content.decode()
    # The card only (the filter form names languages as options, capitalised).
    page = " ".join(html[html.index('<ul class="list-group">') :].split("</ul>")[0].split())

    assert "inglés, francés" in page
    assert "Inglés" not in page and "Francés" not in page
    assert "· Escrito originalmente" not in page
    assert "Escrito originalmente en francés." in page
    assert "(Escrito originalmente en inglés.)" in page
