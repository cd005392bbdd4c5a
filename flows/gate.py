"""The evaluation gate's runs: each evaluation over ``../shared/data``, as its command runs it.

The floors, the check and the table are :mod:`claimlink.evaluation.gate`; this module
runs the evaluations. It lives with the flows because the real-news evaluation runs the
nightly flow (:mod:`.realnews`), and evaluation imports nothing from flows.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Callable

from sqlalchemy.orm import Session

from claimlink.evaluation import EvalDataError
from claimlink.evaluation import flags as fl
from claimlink.evaluation import speakers
from claimlink.evaluation.attribution import evaluate as evaluate_attribution
from claimlink.evaluation.attribution import load_polnear, predictor
from claimlink.evaluation.gate import CONTRADICTIONS, EVALUATIONS, LABELS
from claimlink.evaluation.realnews import load_corpus
from claimlink.models import make_engine

from . import realnews

#: Folds of Emergent claims for the out-of-fold stance figures.
FOLDS = 5
#: The people whose claims must stay under one canonical speaker.
GATED_SPEAKERS = ("Trump", "Clinton", "Sanders", "Obama", "Cruz")


def _aeb(data: Path, settings, progress=None) -> dict:
    # Lazy (here and below): trafilatura and spaCy take seconds to import, and the CLI
    # imports this module for every command.
    from claimlink.evaluation.extraction import evaluate_aeb

    return {"aeb.f1": evaluate_aeb(data / "aeb")["f1"]}


def _attribution(data: Path, settings, progress=None) -> dict:
    from claimlink.extractors import load_pipeline

    s = evaluate_attribution(load_polnear(data / "polnear" / "dev.jsonl"),
                             predictor(load_pipeline(settings.spacy_model or None)))[0].as_dict()
    return {"polnear_dev.content_f1": s["content_f1"], "polnear_dev.triple_f1": s["triple_f1"],
            "polnear_dev.speaker_accuracy": s["speaker_accuracy"]}


def _stance(data: Path, settings, progress=None) -> dict:
    from claimlink.evaluation.calibrate import cross_validate, fired
    from claimlink.evaluation.stance import load_emergent
    from claimlink.extractors import load_pipeline

    # Out of fold: weights and threshold are chosen on four folds of claims, scored on the fifth.
    pairs = load_emergent(data / "emergent" / "dev_pairs.csv")
    s = cross_validate(pairs, fired(load_pipeline(settings.spacy_model or None), pairs), FOLDS)
    return {"emergent_oof.precision": s["oof_precision"], "emergent_oof.recall": s["oof_recall"],
            "emergent_oof.false_flag_rate_for": s["oof_false_flag_rate_for"]}


def _realnews(data: Path, settings, progress=None) -> dict:
    with tempfile.TemporaryDirectory(prefix="claimlink-gate-") as tmp:
        store = f"sqlite:///{tmp}/realnews.db"
        figures = realnews.run(data / "polnear", store, settings, progress=progress)
        out = {"realnews.flags_per_100_articles": figures["flags_per_100_articles"]}
        engine = make_engine(store)
        try:
            flags = fl.current_flags(engine, {d.doc_id: d.text for d in load_corpus(data / "polnear")})
            with Session(engine) as session:
                out.update(_speaker_figures(speakers.report(session, names=list(GATED_SPEAKERS))))
        finally:
            engine.dispose()
    if LABELS.is_file():
        p = fl.precision(flags, fl.load_labels(LABELS))
        out.update({"realnews.labelled_precision": p["precision"],
                    "realnews.labelled_flags_still_raised": p["labelled_still_raised"]})
    if CONTRADICTIONS.is_file():
        out["realnews.recall"] = fl.recall(flags, fl.load_pairs(CONTRADICTIONS))["recall"]
    return out


def _speaker_figures(report: dict) -> dict:
    """The smallest share of a gated person's claims under their main speaker, and the claims
    whose speaker is a dateline, note or Q/A marker (issue 14's acceptance)."""
    return {"speakers.min_main_share": round(min(r["main_share"] for r in report["names"]), 4),
            "speakers.furniture_claims": report["sanity"]["furniture"]}


#: Each evaluation of :data:`EVALUATIONS` by name, in order: ``(data folder, settings, progress) -> figures``.
COLLECTORS: dict[str, Callable[..., dict]] = {
    "extraction": _aeb, "attribution": _attribution, "stance": _stance, "realnews": _realnews}


def collect(data: str | Path, settings, only: tuple[str, ...] = (), report=None, progress=None) -> tuple[dict, dict]:
    """Run the evaluations (all, or those named in ``only``) and return (figures, seconds
    per evaluation). ``report(name, seconds)`` is called as each one finishes."""
    data = Path(data)
    if not data.is_dir():
        raise EvalDataError(f"{data}: no such folder (expected ../shared/data with aeb/, polnear/, emergent/)")
    unknown = set(only) - set(COLLECTORS)
    if unknown:
        raise EvalDataError(f"unknown evaluation(s) {', '.join(sorted(unknown))}; choose from {', '.join(COLLECTORS)}")
    figures: dict = {}
    seconds: dict = {}
    for name, fn in COLLECTORS.items():
        if only and name not in only:
            continue
        clock = time.perf_counter()
        figures.update(fn(data, settings, progress))
        seconds[name] = round(time.perf_counter() - clock, 1)
        if report:
            report(name, seconds[name])
    return figures, seconds
