"""Every task on a few items of ../shared/evaldata (skipped where that folder is absent)."""

from __future__ import annotations

import pytest

from rashomon.evaluation import TASKS, run_task

from conftest import EVALDATA

pytestmark = pytest.mark.slow

METRICS = {
    "extraction": {"precision", "recall", "f1"},
    "attribution": {f"{r}_{k}" for r in ("source", "cue", "content") for k in ("f1", "overlap_f1")},
    "events": {"weighted_f1", "macro_f1", "accuracy"},
    "acled": {"event_type_accuracy", "sub_event_type_accuracy", "date_exact", "location_within_25km",
              "fatalities_exact"},
    "time": {"recognition_f1", "value_f1"},
    "geo": {"recall", "accuracy_161km"},
    "linking": {"bcubed_f1", "conll_f1"},
}
LIMITS = {"extraction": 3, "attribution": 2, "events": 10, "acled": 5, "time": 3, "geo": 2, "linking": 1}


@pytest.mark.parametrize("task", list(TASKS))
def test_task_on_shared_evaldata(task):
    data = EVALDATA / TASKS[task][1]
    if not data.exists():
        pytest.skip(f"{data} not found")
    result = run_task(task, data, limit=LIMITS[task])
    assert set(result.metrics) == METRICS[task]
    assert all(0.0 <= v <= 1.0 for v in result.metrics.values())
    assert result.n == LIMITS[task] or (task == "linking" and result.n > 0)
