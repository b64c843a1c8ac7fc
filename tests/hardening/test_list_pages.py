"""The four filtered-list pages (activities, partner directory, moderation queue, emails sent)
share one base, `includes/list_page.html`. A refused filter answers 400 and says why in a way a
screen reader announces: the field is aria-invalid and described by its error message. No page
repeats an id.
"""

from collections import Counter
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from notifications.enums import DeliveryStatus, Kind
from notifications.models import Delivery
from tests.factories import ActivityFactory, ItemFactory, MembershipFactory, StaffFactory

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip

# (url with one refused filter, the refused field's name, its error message)
REFUSED = [
    ("/en/activities/?month=2026-13", "month", "Give the month as YYYY-MM, for example 2026-11."),
    (
        "/en/partners/?region=nowhere",
        "region",
        "That is not one of the choices offered here. Please choose from the list.",
    ),
    (
        "/en/working-group/queue/?state=nope",
        "state",
        "That is not one of the choices offered here. Please choose from the list.",
    ),
    (
        "/en/notifications/deliveries/?status=nope",
        "status",
        "That is not one of the choices offered here. Please choose from the list.",
    ),
    (
        "/en/library/?type=nope",
        "type",
        "That is not one of the choices offered here. Please choose from the list.",
    ),
    (
        "/en/people/?skill=nope",
        "skill",
        "That is not one of the choices offered here. Please choose from the list.",
    ),
]

LIST_PAGES = [
    "/en/activities/",
    "/en/activities/?when=past",
    "/en/partners/",
    "/en/working-group/queue/",
    "/en/notifications/deliveries/",
    "/en/library/",
    "/en/people/",
]


class Page(HTMLParser):
    """Every element's attributes in order, and the text inside each element that has an id."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.text_by_id: dict[str, str] = {}
        self._open: list[tuple[str, str | None]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag in VOID:
            return
        self._open.append((tag, attributes.get("id")))
        if attributes.get("id") is not None:
            self.text_by_id.setdefault(attributes["id"], "")

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        while self._open:
            opened, _id = self._open.pop()
            if opened == tag:
                break

    def handle_data(self, data):
        for _tag, element_id in self._open:
            if element_id is not None:
                self.text_by_id[element_id] += data

    def ids(self) -> list[str]:
        return [attributes["id"] for _tag, attributes in self.elements if "id" in attributes]

    def field(self, name: str) -> dict:
        [attributes] = [
            attributes
            for tag, attributes in self.elements
            if tag in ("input", "select", "textarea") and attributes.get("name") == name
        ]
        return attributes


def _staff_client(client):
    client.force_login(StaffFactory())
    return client


def _fill_every_list():
    """At least one row on each page, including a failed email (its row has a retry form)."""
    member = MembershipFactory().user
    ActivityFactory()
    ItemFactory()
    Delivery.objects.create(
        key="list-page-test",
        kind=Kind.choices[0][0],
        user=member,
        due_at=timezone.now(),
        status=DeliveryStatus.FAILED,
        last_error="SMTP said no",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "name", "message"), REFUSED)
def test_refused_filter_is_marked_and_described_by_its_error(client, url, name, message):
    _fill_every_list()

    response = _staff_client(client).get(url)
    page = Page(response.content.decode())
    field = page.field(name)
    invalid = [
        attributes["name"]
        for tag, attributes in page.elements
        if attributes.get("aria-invalid") == "true"
    ]

    assert response.status_code == 400
    assert invalid == [name]
    assert field["aria-invalid"] == "true"
    assert field["aria-describedby"] == f"{field['id']}_error"
    assert page.text_by_id[field["aria-describedby"]].strip() == message


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "status"),
    [(url, 200) for url in LIST_PAGES] + [(url, 400) for url, _name, _message in REFUSED],
)
def test_list_page_ids_are_unique(client, url, status):
    _fill_every_list()

    response = _staff_client(client).get(url)
    ids = Page(response.content.decode()).ids()

    assert response.status_code == status
    assert [name for name, count in Counter(ids).items() if count > 1] == []
    assert "main" in ids


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "heading", "count", "row"),
    [
        ("/en/activities/", "Upcoming activities", "1 activity", "Activity"),
        ("/en/partners/", "Partner organisations", "3 organisations", "Organisation"),
        ("/en/working-group/queue/", "Moderation queue", "1 item", "Item"),
        ("/en/notifications/deliveries/", "Emails sent", None, "SMTP said no"),
    ],
)
def test_list_page_shows_heading_count_and_rows_without_field_errors(
    client, url, heading, count, row
):
    _fill_every_list()

    response = _staff_client(client).get(url)
    html = response.content.decode()
    page = Page(html)

    assert response.status_code == 200
    assert f"{heading}</h1>" in html
    assert ('<p role="status">' in html) == (count is not None)
    if count is not None:
        assert count in html
    assert row in html
    assert [a for _tag, a in page.elements if "aria-invalid" in a or "aria-describedby" in a] == []
