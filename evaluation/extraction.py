"""Score main-text extraction on the ScrapingHub article-extraction benchmark.

The benchmark's own metric: per document, 4-gram shingles over ``\\w+`` tokens of the
extracted and the true body; precision and recall are averaged over documents, and F1 is
taken of the two means. Every page goes through :func:`claimlink.extractors.article.main_text`, the
main-text stage of the pipeline with its shipped settings. The pipeline's gates -- pages
that are not English or too short to be articles are recorded and skipped -- are a
separate decision; how many benchmark pages each gate would skip is reported beside the
scores (the benchmark includes pages in Korean, Russian, Portuguese and other languages).
"""

from __future__ import annotations

from claimlink.evaluation import EvalDataError

import gzip
import json
import re
from pathlib import Path

from collections import Counter

from claimlink.extractors.article import extract_article, main_text
from claimlink.extractors.errors import ArticleError

_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    toks = _WORD.findall(text.lower())
    if len(toks) < n:
        return {tuple(toks)} if toks else set()
    return {tuple(toks[i:i + n]) for i in range(len(toks) - n + 1)}


def score_pair(predicted: str, truth: str) -> tuple[float, float]:
    p, t = shingles(predicted), shingles(truth)
    if not p and not t:
        return 1.0, 1.0
    inter = len(p & t)
    precision = inter / len(p) if p else 0.0
    recall = inter / len(t) if t else 0.0
    return precision, recall


def aeb_pages(folder: str | Path):
    """Yield (url, true body, html) for each page of an AEB folder, in key order."""
    folder = Path(folder)
    gt_path = folder / "ground-truth.json"
    if not gt_path.is_file() or not (folder / "html").is_dir():
        raise EvalDataError(f"{folder}: expected ground-truth.json and html/ (the AEB layout)")
    truth = json.loads(gt_path.read_text(encoding="utf-8"))
    for key, item in sorted(truth.items()):
        path = folder / "html" / f"{key}.html.gz"
        if path.is_file():
            yield item["url"], item["articleBody"], gzip.open(path).read().decode("utf-8", errors="replace")


def evaluate_aeb(folder: str | Path) -> dict:
    ps, rs, refused = [], [], 0
    gated: Counter = Counter()
    for url, body, html in aeb_pages(folder):
        # extract_article runs the same main-text stage; its text is reused when the page
        # passes the gates, so trafilatura runs once per page
        try:
            text = extract_article(html, url).text
        except ArticleError as exc:
            gated[type(exc).__name__] += 1
            try:
                text = main_text(html, url)
            except ArticleError:
                text, refused = "", refused + 1
        p, r = score_pair(text, body)
        ps.append(p)
        rs.append(r)
    if not ps:
        raise EvalDataError(f"{folder}: no pages found")
    precision, recall = sum(ps) / len(ps), sum(rs) / len(rs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"documents": len(ps), "precision": round(precision, 4), "recall": round(recall, 4),
            "f1": round(f1, 4), "failed": refused,
            **{f"skipped_by_gate_{k}": v for k, v in sorted(gated.items())}}
