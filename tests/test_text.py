"""Paragraphs: one definition for the claim rules, speaker resolution and the review desk."""

from claimlink.extractors.text import paragraph_bounds, paragraph_of, paragraph_starts

TEXT = "Title\n\nFirst paragraph. Two sentences.\n  Second paragraph.\nThird."


def test_each_paragraph_counts_once_whatever_the_blank_lines():
    starts = paragraph_starts(TEXT)
    assert [paragraph_of(starts, TEXT.index(w)) for w in ("Title", "First", "Two", "Second", "Third")] \
        == [0, 1, 1, 2, 3]


def test_paragraph_bounds_are_the_line_without_its_indent():
    start, end = paragraph_bounds(TEXT, TEXT.index("Two"))
    assert TEXT[start:end] == "First paragraph. Two sentences."
    start, end = paragraph_bounds(TEXT, TEXT.index("Second"))
    assert TEXT[start:end] == "Second paragraph."
    assert TEXT[slice(*paragraph_bounds(TEXT, TEXT.index("Third")))] == "Third."
