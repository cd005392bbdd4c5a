"""Progress as plain lines when stderr is not a terminal (a CI log of a long evaluation)."""

import io

from claimlink.flows.progress import LineProgress, get


def test_line_progress_reports_start_completion_and_at_most_every_interval():
    out = io.StringIO()
    with LineProgress(every=3600, stream=out) as progress:
        assert get() is progress  # the flow reports through the context variable
        progress.start("articles", 100)
        for _ in range(4):
            progress.advance("articles", 25)
        progress.advance("unknown stage")
    lines = out.getvalue().splitlines()
    assert [line.split(" (")[0] for line in lines] == ["Fetching and extracting articles: 0/100",
                                                       "Fetching and extracting articles: 100/100"]


def test_line_progress_prints_each_advance_when_the_interval_is_zero():
    out = io.StringIO()
    with LineProgress(every=0, stream=out) as progress:
        progress.start("linking", 2)
        progress.advance("linking")
        progress.advance("linking")
    assert len(out.getvalue().splitlines()) == 3
