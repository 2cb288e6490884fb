"""The features' steps, in the language of the decision records, by area (tests/features/steps).
Each step takes what it needs as fixtures: the scenario's own store (`system`, `app`,
`ledgers`), the decision or grant in hand (`decision_id`, `grant_id`, set by the steps that
make or find them) and the refusal of the last command attempted (`attempts`)."""

from tests.features.steps.books import app, attempts, ledgers, system  # noqa: F401
from tests.features.steps.decisions import *  # noqa: F403
from tests.features.steps.dossiers import *  # noqa: F403
from tests.features.steps.funds import *  # noqa: F403
from tests.features.steps.grants import *  # noqa: F403
from tests.features.steps.ledgers import *  # noqa: F403
from tests.features.steps.publication import *  # noqa: F403
from tests.features.steps.source_records import *  # noqa: F403
