"""Flags against labels: offsets carried from stored text to the corpus text, matching,
precision, recall, blind samples. Own texts only (no PolNeAR in the repository)."""

from __future__ import annotations

import json

import pytest

from claimlink.evaluation import EvalDataError
from claimlink.evaluation import flags as fl

ORIGINAL = ("Mayor denies bridge closure.\n\nThe mayor\u00a0said  the bridge will stay open.\n\n"
            "A spokesman said the bridge closes on Monday.\nOfficials said nothing else.")
# what the flow keeps: whitespace normalised, paragraphs on lines with blank lines between
STORED = ("Mayor denies bridge closure.\n\nThe mayor said the bridge will stay open.\n\n"
          "A spokesman said the bridge closes on Monday.\n\nOfficials said nothing else.")


def _span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


@pytest.mark.parametrize("phrase", ["the bridge will stay open", "the bridge closes on Monday",
                                    "Mayor denies", "nothing else"])
def test_offsets_in_stored_text_map_to_the_same_words_in_the_original(phrase):
    om = fl.OffsetMap(STORED, ORIGINAL)
    start, end = om.span(*_span(STORED, phrase))
    assert ORIGINAL[start:end] == phrase


def test_a_line_that_extraction_changed_is_aligned_by_its_characters():
    stored = STORED.replace("A spokesman said", "A spokesperson said")
    start, end = fl.OffsetMap(stored, ORIGINAL).span(*_span(stored, "the bridge closes on Monday"))
    assert ORIGINAL[start:end] == "the bridge closes on Monday"


def test_text_absent_from_the_original_maps_to_nothing():
    stored = STORED + "\n\nZzzq xqzv wqqz."
    assert fl.OffsetMap(stored, ORIGINAL).span(*_span(stored, "Zzzq xqzv wqqz")) is None


def _side(doc, start, end):
    return fl.Side(fl.Key(doc, start, end), "X", "said", "c", None, None, None)


def _flag(link_id, a, b):
    return fl.Flag(link_id, _side(*a), _side(*b))


def _label(a, b, label="wrong", rule="opinion"):
    return fl.Labelled(fl.Key(*a), fl.Key(*b), label, rule if label == "wrong" else None)


A, B, C = ("d1", 10, 50), ("d2", 100, 140), ("d3", 0, 30)


def test_a_label_matches_its_flag_whichever_side_comes_first():
    flags = [_flag(1, A, B)]
    assert fl.match(flags, [_label(B, A)], fl.LABEL_MIN_IOU) == {0: 0}


def test_a_boundary_moved_by_a_word_still_finds_the_label_but_another_claim_does_not():
    moved = ("d1", 10, 46)  # IoU 0.9
    other = ("d1", 30, 70)  # IoU 1/3
    assert fl.match([_flag(1, moved, B)], [_label(A, B)], fl.LABEL_MIN_IOU) == {0: 0}
    assert fl.match([_flag(1, other, B)], [_label(A, B)], fl.LABEL_MIN_IOU) == {}
    assert fl.match([_flag(1, A, C)], [_label(A, B)], fl.LABEL_MIN_IOU) == {}


def test_matching_is_one_to_one_and_exact_keys_win():
    near = ("d1", 10, 48)
    flags = [_flag(1, near, B), _flag(2, A, B)]
    labels = [_label(A, B), _label(near, B, "right")]
    assert fl.match(flags, labels, fl.LABEL_MIN_IOU) == {0: 1, 1: 0}
    assert fl.match([_flag(2, A, B)], labels, fl.LABEL_MIN_IOU) == {0: 0}


def test_precision_counts_only_labelled_flags_still_raised():
    flags = [_flag(1, A, B), _flag(2, A, C), _flag(3, B, C)]
    labels = [_label(A, B, "right"), _label(A, C), _label(("d9", 0, 5), B, "right")]
    got = fl.precision(flags, labels)
    assert got["labelled_still_raised"] == 2
    assert got["labelled_no_longer_raised"] == 1
    assert got["precision"] == 0.5
    assert got["flags_without_label"] == 1
    assert got["wrong_opinion"] == 1


def test_recall_is_the_share_of_genuine_pairs_flagged():
    flags = [_flag(1, ("d1", 12, 52), B)]  # IoU 0.9 with A
    pairs = [fl.Labelled(fl.Key(*A), fl.Key(*B)), fl.Labelled(fl.Key(*A), fl.Key(*C))]
    assert fl.recall(flags, pairs) == {"genuine_pairs": 2, "genuine_flagged": 1, "recall": 0.5}


def _write(tmp_path, data) -> str:
    path = tmp_path / "labels.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_labels_file_round_trip_and_its_errors(tmp_path):
    good = {"format": fl.LABELS_FORMAT, "labels": [
        {"a": {"doc_id": "d1", "start": 10, "end": 50}, "b": {"doc_id": "d2", "start": 100, "end": 140},
         "label": "wrong", "rule": "different-proposition", "sample": "s1", "date": "2026-11-29"}]}
    (lab,) = fl.load_labels(_write(tmp_path, good))
    assert (lab.a, lab.label, lab.rule, lab.sample) == (fl.Key(*A), "wrong", "different-proposition", "s1")
    for broken, message in [
        ({**good, "format": "other"}, "expected"),
        ({**good, "labels": [{**good["labels"][0], "label": None}]}, "right or wrong"),
        ({**good, "labels": [{**good["labels"][0], "rule": "bad"}]}, "needs rule"),
        ({**good, "labels": [{**good["labels"][0], "a": {"doc_id": "d1", "start": 9, "end": 3}}]}, "before end"),
        ({**good, "labels": [{**good["labels"][0], "b": {"doc_id": "d1"}}]}, "doc_id, start, end"),
    ]:
        with pytest.raises(EvalDataError, match=message):
            fl.load_labels(_write(tmp_path, broken))
    (tmp_path / "labels.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(EvalDataError, match="not JSON"):
        fl.load_labels(str(tmp_path / "labels.json"))


def test_the_recall_fixture_may_leave_out_its_format_but_not_name_another(tmp_path):
    pair = {"a": {"doc_id": "d1", "start": 10, "end": 50}, "b": {"doc_id": "d2", "start": 100, "end": 140},
            "why": "explicit denial"}
    assert fl.load_pairs(_write(tmp_path, {"about": "own test pairs", "pairs": [pair]})) == \
        [fl.Labelled(fl.Key(*A), fl.Key(*B))]
    with pytest.raises(EvalDataError, match="expected"):
        fl.load_pairs(_write(tmp_path, {"format": fl.LABELS_FORMAT, "pairs": [pair]}))


def test_a_blind_sample_is_seeded_and_its_template_carries_keys_only():
    flags = [_flag(i, ("d1", i, i + 20), ("d2", i, i + 30)) for i in range(1, 30)]
    s1, t1 = fl.blind_sample(flags, 5, seed=3, name="s", date="2026-11-29")
    s2, _ = fl.blind_sample(list(reversed(flags)), 5, seed=3, name="s", date="2026-11-29")
    assert s1 == s2 and len(s1["flags"]) == 5
    assert s1 != fl.blind_sample(flags, 5, seed=4, name="s", date="2026-11-29")[0]
    shown = s1["flags"][0]["a"]
    assert {"speaker", "cue", "content", "doc_id", "start", "end"} <= set(shown)
    assert not {"score", "reasons"} & set(shown)
    entry = t1["labels"][0]
    assert set(entry["a"]) == {"doc_id", "start", "end"} and entry["label"] is None
    assert [e["a"] for e in t1["labels"]] == [{k: f["a"][k] for k in ("doc_id", "start", "end")}
                                             for f in s1["flags"]]


def test_samples_are_refused_inside_the_repository(tmp_path):
    from pathlib import Path

    root = Path(fl.__file__).resolve().parent.parent
    with pytest.raises(EvalDataError, match="inside the repository"):
        fl.outside_repository(root / "tests" / "sample.json")
    assert fl.outside_repository(tmp_path / "s.json") == (tmp_path / "s.json").resolve()
