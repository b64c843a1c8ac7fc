from feedback.models import Survey


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
