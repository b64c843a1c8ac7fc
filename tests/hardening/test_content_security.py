"""No inline script or style on any page, a strict Content-Security-Policy, and text people
write never becomes markup."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.html import escape

from tests.factories import (
    ActivityFactory,
    ItemFactory,
    MembershipFactory,
    OrganisationFactory,
)

TEMPLATES = Path(settings.BASE_DIR) / "templates"
PAGE_TEMPLATES = [
    path for path in TEMPLATES.rglob("*.html") if "email" not in path.relative_to(TEMPLATES).parts
]
ATTACKS = [
    "<script>alert('x')</script>",
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
]


@pytest.mark.parametrize("path", PAGE_TEMPLATES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_page_templates_have_no_inline_script_handler_or_style(path):
    source = path.read_text()

    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", source)
    assert not re.search(r"\son[a-z]+\s*=", source)
    assert not re.search(r"\sstyle\s*=", source)


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/en/")

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
@pytest.mark.parametrize("attack", ATTACKS)
def test_written_text_never_becomes_markup(client, attack):
    organisation = OrganisationFactory(slug="org", visibility="public", description_en=attack)
    activity = ActivityFactory(audience="public", description_en=f"See {attack} here")
    member = MembershipFactory(organisation=organisation).user
    item = ItemFactory(description_en=attack)
    client.force_login(member)
    client.post(f"/en/working-group/items/{item.pk}/comment/", {"body": attack})

    pages = [
        client.get("/en/partners/org/").content.decode(),
        client.get(f"/en/activities/{activity.pk}/").content.decode(),
        client.get(f"/en/working-group/items/{item.pk}/").content.decode(),
    ]

    for page in pages:
        assert "<script>alert" not in page
        assert 'onerror="alert' not in page
        assert 'href="javascript:' not in page
    # Shown as the text it is, escaped, on every page.
    assert all(escape(attack) in page for page in pages)


POST_FORM = re.compile(r"<form[^>]*method=\"post\"[^>]*>(.*?)</form>", re.DOTALL | re.IGNORECASE)


@pytest.mark.parametrize("path", PAGE_TEMPLATES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_every_post_form_carries_a_csrf_token(path):
    for body in POST_FORM.findall(path.read_text()):
        assert "{% csrf_token %}" in body, path


@pytest.mark.django_db
def test_posting_without_the_token_is_refused(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(MembershipFactory().user)

    response = strict.post("/en/notifications/preferences/", {"enabled": []})

    assert response.status_code == 403
