import csv
import datetime
import io

from django.utils import timezone

from feedback.models import Response, Survey
from tests.factories import MembershipFactory, UserFactory
from tests.utils import text_of


def questions_of(survey: Survey) -> dict:
    """{"scale": question, "single": question, "text": question} of a SurveyFactory survey."""
    return {question.kind: question for question in survey.questions.all()}


def answer_data(survey: Survey, *, scale="4", single=None, text="") -> dict:
    questions = questions_of(survey)
    data = {f"q{questions['scale'].pk}": scale}
    if single is not None:
        data[f"q{questions['single'].pk}"] = str(single)
    if text:
        data[f"q{questions['text'].pk}"] = text
    return data


def partner(**kwargs):
    return MembershipFactory(user=UserFactory(**kwargs)).user


def answer_as_new_partner(client, survey: Survey, *, language="en", **answers) -> None:
    """A new partner member answers `survey` in `language`; fails unless the answer is taken."""
    client.force_login(partner(language=language))
    response = client.post(f"/{language}/feedback/{survey.pk}/", answer_data(survey, **answers))
    assert response.status_code == 302, text_of(response)


def set_dates_as_staff(client, staff, survey: Survey, *, opens_on, closes_on) -> None:
    """Staff change the survey's dates through the edit page, as anyone on the team could."""
    client.force_login(staff)
    response = client.post(
        f"/en/feedback/manage/{survey.pk}/",
        {
            "audience": survey.audience,
            "opens_on": opens_on.isoformat(),
            "closes_on": closes_on.isoformat(),
            "title_en": survey.title_en,
        },
    )
    assert response.status_code == 302, text_of(response)


def close_by_dates(survey: Survey) -> None:
    """The survey's last day was yesterday."""
    today = timezone.localdate()
    survey.opens_on = today - datetime.timedelta(days=10)
    survey.closes_on = today - datetime.timedelta(days=1)
    survey.save()


def published_view(client, staff, survey: Survey, k: int) -> int:
    """What staff can see of `survey` right now, checked against the rule that nothing shows
    below `k` and nothing is published in fewer than `k`: returns the published count."""
    published = Response.objects.filter(survey=survey).count()
    client.force_login(staff)
    page = text_of(client.get(f"/en/feedback/{survey.pk}/results/"))
    export = client.get(f"/en/feedback/{survey.pk}/results.csv")
    assert published == 0 or published >= k, published
    if published < k:
        assert f"Results appear once at least {k} people have answered" in page
        assert "counted" not in page
        assert export.status_code == 403
    else:
        assert f"{published} responses counted." in page
        assert len(csv_rows(export)) == published + 1
    return published


def csv_rows(export) -> list[list[str]]:
    return list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
