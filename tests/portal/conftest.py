# The canary world of the hidden-organisation crawl, for the My Lab pages' own leak tests.
from tests.hardening.test_hidden_canary import canary_world  # noqa: F401
