"""End-to-end throughput and peak memory over a real news corpus, against spaCy parse-only.

Usage::

    PYTHONPATH=src python benchmarks/throughput.py [--limit N] [--workers N] [--engine local|ray] [--json] [--data DIR]

The corpus is the news texts under ``../shared/evaldata`` (PolNeAR train, ECB+, FNC-1
train bodies, GeoWebNews; about 3,700 texts), taken round-robin across the four sets so
that ``--limit N`` keeps their mix; a set that is absent is skipped, and the benchmark
exits with status 0 and a message when none is there.

Two timings are taken in the same run on the same texts:

* the pipeline: :func:`rashomon.pipeline.analyze_documents` with ``workers`` processes
  (documents already ingested, models loaded before the clock starts, as a long-running
  process or the server has them); with ``--engine ray`` the same on a local Ray instance
  of ``workers`` CPUs, started before the clock (each Ray actor loads its models once, on
  the clock);
* the reference: the spaCy English model's full parse alone, ``nlp.pipe`` with
  ``n_process=workers`` (the same model rashomon loads, loaded afresh with its packaged components,
  lemmatizer included).

``ratio`` is pipeline articles/s over parse-only articles/s: above 1.0 the pipeline is
faster than parsing everything. ``cpu_ratio`` is the same from CPU seconds (this process and
its workers, user + system): on a machine shared with other jobs wall-clock rates swing with
their load, CPU seconds much less, so compare ``cpu_ratio`` there. ``peak_rss_mb`` is the highest resident set of this process
and of any one worker during the pipeline run (before the reference runs), in MB.
Figures on a shared machine are noisy: rerun on a quiet one before comparing.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

DEFAULT = (Path(__file__).resolve().parents[1] / ".." / "shared" / "evaldata").resolve()


def _polnear(data: Path) -> Iterator[tuple[str, str]]:
    folder = data / "polnear" / "train" / "text"
    for f in sorted(folder.glob("*.txt")) if folder.is_dir() else ():
        yield f"polnear/{f.stem}", f.read_text(encoding="utf-8", errors="replace")


def _ecbplus(data: Path) -> Iterator[tuple[str, str]]:
    from rashomon.evaluation.linking import document_text, find_documents

    folder = data / "ecbplus" / "ECB+"
    if not folder.is_dir():
        return
    for topic, files in find_documents(folder).items():
        for f in files:
            yield f"ecb/{f.stem}", document_text(f)


def _fnc1(data: Path) -> Iterator[tuple[str, str]]:
    path = data / "fnc1" / "train_bodies.csv"
    if not path.is_file():
        return
    csv.field_size_limit(1 << 26)
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        for row in csv.DictReader(fh):
            yield f"fnc1/{row['Body ID']}", row["articleBody"]


def _geowebnews(data: Path) -> Iterator[tuple[str, str]]:
    from lxml import etree

    path = data / "geoparsing" / "GeoWebNews_GWN.xml"
    if not path.is_file():
        return
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, huge_tree=True)).getroot()
    for k, art in enumerate(root.iter("article")):
        yield f"gwn/{art.get('file') or k}", art.findtext("text") or ""


def load_corpus(data: Path, limit: int | None = None) -> list[tuple[str, str]]:
    """(label, text) of the corpus, round-robin over the sets so that a prefix keeps their mix."""
    sets = [list(reader(data)) for reader in (_polnear, _ecbplus, _fnc1, _geowebnews)]
    out: list[tuple[str, str]] = []
    for k in range(max((len(s) for s in sets), default=0)):
        out.extend(s[k] for s in sets if k < len(s) and s[k][1].strip())
    return out[:limit] if limit else out


def _peak_rss_mb() -> float:
    """Highest resident set of this process and of its largest finished child, in MB (Linux: KiB units)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, child) / 1024


def _cpu_s() -> float:
    """User + system CPU seconds of this process and its finished children."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def run(data: Path, limit: int | None, workers: int, engine: str = "local") -> dict:
    """Measure the pipeline and the parse-only reference on the same texts."""
    from rashomon.event_types import load as load_event_classifier
    from rashomon.ingest import document_from_text
    from rashomon.knowledge.actors import ActorBase
    from rashomon.knowledge.gazetteer import Gazetteer
    from rashomon.language import load_nlp
    from rashomon.pipeline import analyze_documents

    corpus = load_corpus(data, limit)
    if not corpus:
        return {}
    documents = []
    for label, text in corpus:
        try:
            documents.append(document_from_text(text, source=label))
        except ValueError:
            continue
    nlp, actors, gazetteer, classifier = load_nlp(), ActorBase.default(), Gazetteer.default(), load_event_classifier()
    if engine == "ray":
        import ray

        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
        models = {}  # every actor loads the defaults itself
    else:
        models = {"nlp": nlp, "actors": actors, "gazetteer": gazetteer, "event_classifier": classifier}
    start, cpu = time.perf_counter(), _cpu_s()
    analysis = analyze_documents(documents, workers=workers, engine=engine, **models)
    pipeline_s, pipeline_cpu = time.perf_counter() - start, _cpu_s() - cpu
    peak = _peak_rss_mb()

    import spacy

    reference = _reference(nlp, spacy)
    texts = [d.text for d in documents]
    start, cpu = time.perf_counter(), _cpu_s()
    for _ in reference.pipe(texts, batch_size=32, n_process=workers):
        pass
    parse_s, parse_cpu = time.perf_counter() - start, _cpu_s() - cpu
    rate, parse_rate = len(documents) / pipeline_s, len(documents) / parse_s
    return {
        "articles": len(documents),
        "workers": workers,
        "engine": engine,
        "incidents": len(analysis.incidents),
        "pipeline_s": round(pipeline_s, 2),
        "parse_only_s": round(parse_s, 2),
        "articles_per_s": round(rate, 2),
        "parse_only_articles_per_s": round(parse_rate, 2),
        "ratio": round(rate / parse_rate, 3),
        "pipeline_cpu_s": round(pipeline_cpu, 2),
        "parse_only_cpu_s": round(parse_cpu, 2),
        "cpu_ratio": round(parse_cpu / pipeline_cpu, 3),
        "peak_rss_mb": round(peak, 1),
    }


def _reference(nlp, spacy):
    """A fresh load of the model's package with its packaged components (lemmatizer included), as a user
    of spaCy would run it; never the pipeline :func:`rashomon.language.load_nlp` returns (which adds a
    component and finds lemmas on demand)."""
    from rashomon.language import MODEL_NAMES

    names = (nlp.meta["lang"] + "_" + nlp.meta["name"],) if _installed(nlp) else MODEL_NAMES
    for name in names:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise SystemExit("no spaCy English model to compare with")


def _installed(nlp) -> bool:
    """Whether the loaded model's own package name loads (else the repackaged one is used as is)."""
    import spacy.util

    return spacy.util.is_package(nlp.meta["lang"] + "_" + nlp.meta["name"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT, help="the evaldata folder")
    parser.add_argument("--limit", type=int, default=None, help="the first N texts of the round-robin mix")
    parser.add_argument("--workers", type=int, default=1, help="processes, for the pipeline and the reference alike")
    parser.add_argument("--engine", choices=("local", "ray"), default="local",
                        help="the pipeline's engine (ray: CPU figures miss the Ray workers; compare wall-clock)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    result = run(args.data, args.limit, args.workers, args.engine)
    if not result:
        print(f"no corpus under {args.data}; skipped", file=sys.stderr)
        return 0
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>28}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
