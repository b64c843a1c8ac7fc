"""Time to render a survey's results page at 5,000 responses.

Creates a survey with six questions (two scales, a single and a multiple choice, two free
texts) and 5,000 moved responses in a throwaway database, then times the results page and the
CSV export as staff, through Django's test client (server time: no network).

Run: .venv/bin/python benchmarks/feedback.py [--responses 5000] [--repeat 30]
     DATABASE_URL=postgres://... .venv/bin/python benchmarks/feedback.py
"""

import argparse
import random

from _common import setup_django, summary, time_requests


def populate(count: int):
    from accounts.models import User
    from feedback.models import Answer, Choice, Question, Response, Survey

    rng = random.Random(11)
    survey = Survey.objects.create(title_en="Annual survey", audience="partners")
    scales = [
        Question.objects.create(survey=survey, position=n, kind="scale", text_en=f"Scale {n}")
        for n in (1, 2)
    ]
    single = Question.objects.create(survey=survey, position=3, kind="single", text_en="One")
    multiple = Question.objects.create(survey=survey, position=4, kind="multiple", text_en="Many")
    texts = [
        Question.objects.create(survey=survey, position=n, kind="text", text_en=f"Text {n}")
        for n in (5, 6)
    ]
    single_choices = [
        Choice.objects.create(question=single, position=n, text_en=f"Option {n}") for n in range(4)
    ]
    multiple_choices = [
        Choice.objects.create(question=multiple, position=n, text_en=f"Item {n}") for n in range(6)
    ]
    responses = Response.objects.bulk_create(
        (Response(survey=survey) for _ in range(count)),
        batch_size=2000,
    )
    answers = []
    for response in responses:
        answers += [
            Answer(response=response, question=q, scale_value=rng.randint(1, 5)) for q in scales
        ]
        answers.append(
            Answer(response=response, question=single, choice=rng.choice(single_choices))
        )
        answers += [
            Answer(response=response, question=multiple, choice=c)
            for c in rng.sample(multiple_choices, 2)
        ]
        if rng.random() < 0.3:
            answers += [
                Answer(response=response, question=q, text="A thoughtful answer. " * 5)
                for q in texts
            ]
    Answer.objects.bulk_create(answers, batch_size=5000)
    staff = User.objects.create(email="staff@example.org", display_name="Staff", is_staff=True)
    return survey, staff


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    setup_django()
    from django.db import connection
    from django.test import Client

    survey, staff = populate(args.responses)
    client = Client()
    client.force_login(staff)
    print(f"{connection.vendor}: survey with {args.responses} responses, {args.repeat} requests")
    for name, path in (
        ("results page", f"/en/feedback/{survey.pk}/results/"),
        ("CSV export", f"/en/feedback/{survey.pk}/results.csv"),
    ):
        print(f"  {name:<16} {summary(time_requests(client, path, args.repeat, warmup=2))}")


if __name__ == "__main__":
    main()
