"""System checks of the sealing keys: a deployment without one would refuse every answer."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from feedback import sealing

HINT = (
    "Generate a key with `manage.py feedback_keygen` and set FEEDBACK_SEALING_KEYS in the "
    "environment of the web processes and the workers (README, Configuration)."
)


@register(Tags.security)
def check_sealing_keys(app_configs=None, **kwargs):
    """An invalid key is always an error; a missing one only a warning while developing."""
    problems = []
    for position, text in enumerate(settings.FEEDBACK_SEALING_KEYS, start=1):
        try:
            sealing.decode_key(text)
        except ValueError as error:
            problems.append(
                Error(
                    f"Key {position} of FEEDBACK_SEALING_KEYS is not a sealing key ({error}).",
                    hint=HINT,
                    id="feedback.E001",
                )
            )
    if not settings.FEEDBACK_SEALING_KEYS and settings.DEBUG:
        problems.append(
            Warning(
                "FEEDBACK_SEALING_KEYS is empty: survey answers will be refused.",
                hint=HINT,
                id="feedback.W001",
            )
        )
    return problems


@register(Tags.security, deploy=True)
def check_sealing_keys_deployed(app_configs=None, **kwargs):
    """Production without a key: `check --deploy` fails (the image build runs without one)."""
    if settings.FEEDBACK_SEALING_KEYS:
        return []
    return [
        Error(
            "FEEDBACK_SEALING_KEYS is empty: survey answers cannot be sealed and are refused.",
            hint=HINT,
            id="feedback.E002",
        )
    ]
