"""The README's demo section describes what `load_demo_data` really loads: a newcomer signs in
with the accounts it lists and finds the organisations it names."""

import re
from pathlib import Path

from django_countries import countries

from accounts.demo import PEOPLE
from partners.demo import MEMBERSHIPS, ORGANISATIONS

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()
SECTION = README[README.index("## Demo accounts") : README.index("## Accounts")]
NUMBERS = {13: "thirteen", 14: "fourteen", 15: "fifteen", 16: "sixteen", 12: "twelve"}


def _rows(first_column_pattern: str) -> dict[str, list[str]]:
    rows = {}
    for line in SECTION.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if line.startswith("|") and re.fullmatch(first_column_pattern, cells[0]):
            rows[cells[0]] = cells[1:]
    return rows


def test_the_readme_counts_what_the_demo_loads():
    assert f"creates {NUMBERS[len(ORGANISATIONS)]} partner organisations" in SECTION
    assert f"and {NUMBERS[len(PEOPLE)]} people" in SECTION


def test_every_demo_organisation_is_listed_with_its_country_and_visibility():
    listed = _rows(r"[^-|].*[^:]")
    for organisation in ORGANISATIONS:
        country, visibility = listed[organisation.name]
        assert country == str(dict(countries)[organisation.country])
        assert visibility == str(organisation.visibility)


def test_every_demo_person_is_listed_with_their_role_and_language():
    listed = _rows(r"\S+@\S+")
    assert set(listed) == {person.email for person in PEOPLE}
    for person in PEOPLE:
        role, language = listed[person.email]
        assert language == person.language
        memberships = [row for row in MEMBERSHIPS if row.person == person.handle]
        for membership in memberships:
            name = next(o.name for o in ORGANISATIONS if o.slug == membership.organisation)
            assert f"partner {membership.role}, {name}" in role
        if person.is_staff:
            assert role.startswith(("staff", "administrator"))
        if getattr(person, "is_working_group_member", False):
            assert "Working Group member" in role
