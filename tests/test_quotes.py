from claimlink.extractors.quotes import find_quotes


def inner(text, q):
    return [text[s:e] for s, e in q.pieces]


def test_curly_and_straight_marks_pair_up():
    text = '“We haven’t heard of any concessions," Kallas said.'
    (q,) = find_quotes(text)
    assert inner(text, q) == ["We haven’t heard of any concessions,"]


def test_news_style_quote_runs_over_paragraphs():
    text = "“First paragraph of the quote.\n\n“Second paragraph ends it,” she said.\n\nNext paragraph."
    (q,) = find_quotes(text)
    assert inner(text, q) == ["First paragraph of the quote.", "Second paragraph ends it,"]


def test_unclosed_quote_ends_at_the_paragraph_end():
    text = "He said “this never closes\n\nA new paragraph without quotes."
    (q,) = find_quotes(text)
    assert inner(text, q) == ["this never closes"]


def test_two_quotes_in_one_sentence():
    text = '“A is true,” he said, “and B too.”'
    qs = find_quotes(text)
    assert [inner(text, q) for q in qs] == [["A is true,"], ["and B too."]]


def test_no_quotes():
    assert find_quotes("Nothing quoted here.") == []
