"""`claimlink eval realnews` and `eval flags` end to end on a tiny corpus in PolNeAR's
format, made from the seed article (which the project may keep): pages served on
loopback, the real flow, outlets and dates from the doc_id, flags keyed in the corpus text."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from claimlink.evaluation import realnews
from tests.conftest import ROOT

pytestmark = [pytest.mark.prefect, pytest.mark.model]


def _paragraphs(seed: str, *needles: str) -> list[str]:
    paras = [p for p in seed.split("\n") if p.strip()]
    return [next(p for p in paras if n in p) for n in needles]


def _corpus(tmp_path, seed_text) -> dict[str, str]:
    kupiansk = _paragraphs(seed_text, "Gen. Valery Gerasimov", "The general staff for Ukraine")
    other = _paragraphs(seed_text, "It was not clear whether", "Although they appeared", "However, the administration")
    # the corpus's own whitespace (no-break spaces, double spaces) that page extraction normalises
    first = "\n\n".join(["Russia claims Kupiansk, Kyiv denies it."] + [p.replace(" ", "\u00a0", 3) for p in kupiansk])
    docs = {
        "nyt_2025-11-20_russia-claims-kupiansk": first + "\n\n" + "  ".join(other),
        "wash-post_2025-11-21_peace-plan-surprise": "\n\n".join(["Allies surprised by the plan."] + other),
        "politico_2025-11-19_earlier-efforts": "\n\n".join(["Earlier efforts came to nothing."] + other[1:] * 2),
    }
    (tmp_path / "polnear").mkdir()
    for split, ids in (("train.jsonl", list(docs)[:2]), ("dev.jsonl", list(docs)[2:])):
        with open(tmp_path / "polnear" / split, "w", encoding="utf-8") as fh:
            for doc_id in ids:
                fh.write(json.dumps({"doc_id": doc_id, "text": docs[doc_id], "attributions": []}) + "\n")
    return docs


def _claimlink(tmp_path, *args):
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "COLUMNS": "200"}
    done = subprocess.run([sys.executable, "-m", "claimlink.flows.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    return done


def test_realnews_serves_the_corpus_and_flags_are_keyed_in_its_text(tmp_path, seed_text):
    docs = _corpus(tmp_path, seed_text)
    store = f"sqlite:///{tmp_path / 'rn.db'}"
    run = _claimlink(tmp_path, "eval", "realnews", "--polnear", str(tmp_path / "polnear"), "--store", store, "--json")
    figures = json.loads(run.stdout)
    assert (figures["pages"], figures["articles"], figures["failed"]) == (3, 3, 0)
    assert figures["flags"] >= 1 and figures["claims"] > figures["flags"]
    assert figures["flags_per_100_articles"] == round(100 * figures["flags"] / 3, 2)
    assert "Fetching and extracting articles: 3/3" in run.stderr  # line progress off a terminal

    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from claimlink.evaluation import flags as fl
    from claimlink.models import make_engine
    from claimlink.models import schema as m

    engine = make_engine(store)
    try:
        with Session(engine) as s:
            outlets = dict(s.execute(select(m.Article.outlet, m.Article.published)).all())
        flags = fl.current_flags(engine, docs)
    finally:
        engine.dispose()
    assert set(outlets) == {"The New York Times", "The Washington Post", "Politico"}
    assert outlets["The New York Times"].date().isoformat() == "2025-11-20"
    kupiansk = [f for f in flags if "Gerasimov" in (f.a.speaker or "") + (f.b.speaker or "")]
    assert kupiansk, [(f.a.content, f.b.content) for f in flags]
    flag = kupiansk[0]
    for side in (flag.a, flag.b):
        assert side.key.doc_id == "nyt_2025-11-20_russia-claims-kupiansk"
        assert docs[side.key.doc_id][side.key.start:side.key.end].split() == side.content.split()

    labels = tmp_path / "labels.json"
    labels.write_text(json.dumps({"format": fl.LABELS_FORMAT, "labels": [
        {"a": vars(flag.b.key), "b": vars(flag.a.key), "label": "right", "rule": None, "sample": "t",
         "date": "2026-11-29"}]}), encoding="utf-8")
    out = tmp_path / "sample.json"
    checked = _claimlink(tmp_path, "eval", "flags", "--store", store, "--polnear", str(tmp_path / "polnear"),
                         "--labels", str(labels), "--sample", "1", "--out", str(out), "--json")
    got = json.loads(checked.stdout)
    assert (got["labelled_still_raised"], got["precision"]) == (1, 1.0)
    assert got["flags_without_label"] == len(flags) - 1
    template = json.loads((tmp_path / "sample.labels.json").read_text(encoding="utf-8"))
    assert len(json.loads(out.read_text(encoding="utf-8"))["flags"]) == len(template["labels"]) == 1


def test_page_paths_give_back_their_doc_id():
    doc = realnews.NewsDoc("usa-today_2016-03-01_a-b", "usa-today", "2016-03-01", "Head\n\nBody")
    assert doc.path == "/www.usatoday.com/2016/03/01/usa-today_2016-03-01_a-b.html"
    assert realnews.doc_id_of_url("http://127.0.0.1:8000" + doc.path) == doc.doc_id
    assert realnews.doc_id_of_url("http://127.0.0.1:8000/other/page.html") is None
    page = realnews.article_html(doc).decode()
    assert "<h1>Head</h1>" in page and "<p>Body</p>" in page and 'content="2016-03-01T12:00:00+00:00"' in page
