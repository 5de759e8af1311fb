"""CPU seconds of each stage on one process, over the same corpus as ``throughput.py``.

Usage::

    PYTHONPATH=src python benchmarks/stages.py [--limit N] [--data DIR] [--profile FILE]

Parses the texts (``nlp.pipe``), then runs claims and events per document, then linking and
reconciliation, and prints the CPU seconds of each (this process, user + system). Meant for finding
where the time goes; ``--profile`` also writes a cProfile of the post-parse stages (cProfile inflates
functions with many small calls, so confirm a hot spot with the CPU seconds before and after a change).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import resource
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import DEFAULT, load_corpus  # noqa: E402


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def run(data: Path, limit: int | None, profile: str | None = None) -> dict:
    from rashomon.claims import find_claims
    from rashomon.event_types import load as load_event_classifier
    from rashomon.events import find_mentions
    from rashomon.incidents import link_incidents
    from rashomon.ingest import document_from_text
    from rashomon.knowledge.actors import ActorBase
    from rashomon.knowledge.gazetteer import Gazetteer
    from rashomon.language import load_nlp, parse
    from rashomon.reconcile import reconcile

    documents = []
    for label, text in load_corpus(data, limit):
        try:
            documents.append(document_from_text(text, source=label))
        except ValueError:
            continue
    if not documents:
        return {}
    nlp, actors, gazetteer, classifier = load_nlp(), ActorBase.default(), Gazetteer.default(), load_event_classifier()
    out: dict = {"articles": len(documents)}
    c = _cpu()
    docs = list(parse((d.text for d in documents), nlp))
    out["parse_cpu_s"] = round(_cpu() - c, 2)
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    c = _cpu()
    claims, mentions = [], []
    for document, doc in zip(documents, docs):
        found = find_claims(document, doc, actors=actors, gazetteer=gazetteer)
        claims.extend(found)
        mentions.extend(find_mentions(document, doc, found, actors=actors, gazetteer=gazetteer,
                                      event_classifier=classifier))
    out["claims_events_cpu_s"] = round(_cpu() - c, 2)
    c = _cpu()
    incidents = link_incidents(documents, claims, mentions)
    out["link_cpu_s"] = round(_cpu() - c, 2)
    c = _cpu()
    reconcile(incidents, mentions, claims, documents=documents)
    out["reconcile_cpu_s"] = round(_cpu() - c, 2)
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT, help="the evaldata folder")
    parser.add_argument("--limit", type=int, default=None, help="the first N texts of the round-robin mix")
    parser.add_argument("--profile", default=None, help="write a cProfile of claims, events, linking here")
    args = parser.parse_args(argv)
    result = run(args.data, args.limit, args.profile)
    if not result:
        print(f"no corpus under {args.data}; skipped", file=sys.stderr)
        return 0
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
