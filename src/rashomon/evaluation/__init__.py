"""Evaluation on public human-annotated sets: ``rashomon eval TASK [DATA]``.

Each task lives in its own module with one entry function
``evaluate(data: Path, *, limit: int | None) -> EvalResult`` and a default
data folder under ``../shared/evaldata``. The contract (names, metrics, JSON
shape) is fixed in DESIGN.md.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from rashomon.errors import EvaluationDataError, UnknownTask

#: task -> (module, default data path relative to the evaldata folder)
TASKS: dict[str, tuple[str, str]] = {
    "extraction": ("rashomon.evaluation.extraction", "article_extraction_benchmark"),
    "attribution": ("rashomon.evaluation.attribution", "polnear/dev"),
    "events": ("rashomon.evaluation.events", "case2021_task2"),
    "acled": ("rashomon.evaluation.acled", "acled_somalia_2025/acled_somalia_2025.csv"),
    "time": ("rashomon.evaluation.time", "tempeval3"),
    "geo": ("rashomon.evaluation.geo", "geoparsing/GeoWebNews_GWN.xml"),
    "linking": ("rashomon.evaluation.linking", "ecbplus"),
}


@dataclass
class EvalResult:
    task: str
    data: str
    n: int
    metrics: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"task": self.task, "data": self.data, "n": self.n, "metrics": self.metrics}


def evaldata_root() -> Path:
    """``$RASHOMON_EVALDATA``, else ``../shared/evaldata`` from the working directory or the checkout."""
    env = os.environ.get("RASHOMON_EVALDATA")
    if env:
        return Path(env)
    for base in (Path.cwd(), Path(__file__).resolve().parents[3]):
        candidate = (base / ".." / "shared" / "evaldata").resolve()
        if candidate.exists():
            return candidate
    return (Path.cwd() / ".." / "shared" / "evaldata").resolve()


def run_task(task: str, data: Path | None = None, *, limit: int | None = None, **options: str) -> EvalResult:
    """Run one evaluation task.

    Raises:
        UnknownTask: the task name is not one of :data:`TASKS`.
        EvaluationDataError: the data is missing or not of the task's layout.
    """
    if task not in TASKS:
        raise UnknownTask(f"unknown task {task!r}; tasks are: {', '.join(TASKS)}")
    module_name, default = TASKS[task]
    path = Path(data) if data is not None else evaldata_root() / default
    if not path.exists():
        raise EvaluationDataError(f"{path}: no such file or folder (task {task} reads {default})")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            raise UnknownTask(f"task {task!r} is not implemented yet") from None
        raise
    return module.evaluate(path, limit=limit, **options)
