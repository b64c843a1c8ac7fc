"""The catalogues read as the glossary says (docs/glossary.md): French typography and one word for
email, Spanish in one register ("tú"), also on the account pages that come from allauth."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import override_settings

from tests.factories import StaffFactory
from tests.utils import PASSWORD, text_of

LOCALE = Path(settings.BASE_DIR) / "locale"
NO_BREAK_SPACE = "\u00a0"  # the one space before : ; ! ? in French (docs/glossary.md)

# What may stand before a sign without the space: URLs, times (10:30), markup and placeholders are
# taken out first.
IGNORED = re.compile(
    r"https?://\S+|mailto:\S+|\b\d{1,2}:\d{2}\b|<[^>]*>|%\([^)]*\)[a-z]|\{[^}]*\}|\.\.\.|…"
)
SIGN_WITHOUT_SPACE = re.compile(rf"(?:^|[^{NO_BREAK_SPACE}])[:;!?]")


def _french_strings():
    catalogue = polib.pofile(str(LOCALE / "fr" / "LC_MESSAGES" / "django.po"))
    for entry in catalogue:
        if entry.obsolete:
            continue
        texts = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in texts:
            yield entry.msgid, text


def typography_problems(text: str) -> list[str]:
    """What breaks French typography in `text`: a sign without a no-break space before it, or a
    straight apostrophe."""
    problems = []
    cleaned = IGNORED.sub(lambda m: "x" * len(m.group(0)), text)
    for match in SIGN_WITHOUT_SPACE.finditer(cleaned):
        problems.append(f"no no-break space before {match.group(0)[-1]!r}")
    if "'" in IGNORED.sub("", text):
        problems.append("straight apostrophe")
    return problems


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("Après l’activité\u00a0: Appel", True),
        ("Après l'activité\u00a0: Appel", False),
        ("Après l’activité: Appel", False),
        ("Après l’activité : Appel", False),
        ("Vraiment\u00a0?", True),
        ("Vraiment ?", False),
        ("Bonjour\u00a0!", True),
        ("De 10:30 à 12:00", True),
        ("Voir https://example.org/a?b=c", True),
        ("%(when)s\u00a0: %(title)s", True),
        ('<a href="/x?y=1">lien</a>', True),
    ],
)
def test_the_typography_check_itself(text, ok):
    assert (typography_problems(text) == []) is ok


def test_french_catalogue_has_french_typography():
    problems = [
        f"{msgid!r}: {problem}"
        for msgid, text in _french_strings()
        for problem in typography_problems(text)
    ]
    assert problems == []


def test_french_says_e_mail_not_courriel():
    texts = [text for _msgid, text in _french_strings()]
    assert not [t for t in texts if re.search(r"courriel", t, re.I)]
    assert not [t for t in texts if re.search(r"(?<![-\w(])e?mails?\b(?!\))", IGNORED.sub("", t))]
    assert any("adresse e-mail" in t for t in texts)


# Tell-tale words of "tu" (the portal says "vous" in French, docs/glossary.md).
TUTOIEMENT = re.compile(r"(?<![\w’'-])(tu|ton|ta|tes|toi|te|t’|t')(?![\w-])", re.IGNORECASE)


def test_french_says_vous_never_tu():
    """One register in French, as in Spanish: "vous" everywhere (a Working Group email said
    "Si tu t’y opposes, dis pourquoi" above a footer saying "Vous recevez cet e-mail")."""
    tutoiement = [
        f"{msgid!r}: {text!r}"
        for msgid, text in _french_strings()
        if TUTOIEMENT.search(IGNORED.sub("", text))
    ]
    assert tutoiement == []


# Tell-tale words of "usted" (the portal says "tú" in Spanish).
USTED = re.compile(
    r"\b(usted|ustedes|su contraseña|su cuenta|su dirección|sus códigos|Introduzca|Ingrese|"
    r"Escriba|Verifique|Confirme|Utilice|Haga clic|¿Ha olvidado|¿Olvidó|desea|Le hemos|"
    r"¿Está seguro|Inicie sesión|regístrese)\b",
    re.IGNORECASE,
)


def _usted_in(response) -> list[str]:
    return USTED.findall(text_of(response))


@pytest.mark.django_db
def test_account_pages_say_tu_in_spanish(client):
    pages = ["/es/accounts/login/", "/es/accounts/password/reset/"]
    responses = {path: client.get(path) for path in pages}
    responses["reset sent"] = client.post(
        "/es/accounts/password/reset/", {"email": "nobody@example.org"}, follow=True
    )
    responses["wrong password"] = client.post(
        "/es/accounts/login/", {"login": "nobody@example.org", "password": "wrong-one"}
    )

    staff = StaffFactory(email="team@example.org", language="es")
    password_step = client.post("/es/accounts/login/", {"login": staff.email, "password": PASSWORD})
    responses["two-factor"] = client.get(password_step["Location"])

    assert password_step["Location"].endswith("/accounts/2fa/authenticate/")
    assert {name: r.status_code for name, r in responses.items()} == {
        **dict.fromkeys(responses, 200),
        "wrong password": 400,
    }
    assert {name: _usted_in(r) for name, r in responses.items()} == {key: [] for key in responses}
    assert "contraseña" in text_of(responses["/es/accounts/login/"])


@pytest.mark.django_db
@override_settings(OPEN_SIGNUP=True)
def test_open_sign_up_page_says_tu_in_spanish(client):
    response = client.get("/es/accounts/signup/")

    assert response.status_code == 200
    assert _usted_in(response) == []


@pytest.mark.django_db
@override_settings(OPEN_SIGNUP=True)
def test_account_pages_and_the_community_page_say_e_mail_in_french(client):
    """Django's own catalogue (which wins over allauth's) labels the sign-in field "Courriel":
    the project's catalogue says "E-mail" on every page that shows that field."""
    pages = ["/fr/accounts/login/", "/fr/accounts/signup/", "/fr/activities/999999/"]
    responses = {path: client.get(path) for path in pages}
    responses["bad address"] = client.post(
        "/fr/accounts/password/reset/", {"email": "not an address"}
    )

    for name, response in responses.items():
        body = text_of(response)
        assert not re.search(r"courriel|électronique", body, re.I), name
    assert "E-mail" in text_of(responses["/fr/accounts/login/"])
    assert "Saisissez une adresse e-mail valide." in text_of(responses["bad address"])
