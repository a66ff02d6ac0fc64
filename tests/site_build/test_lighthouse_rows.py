"""make bench's Lighthouse rows (benchmarks/lighthouse.py): what makes a page meet issue 20's goals."""

from __future__ import annotations

from benchmarks.lighthouse import Score, rows

FAST = Score(score=98, tbt=80, cls=0.0, lcp=1800, elements=6000, transferred=250_000)
MATHJAX = Score(score=75, tbt=1000, cls=0.0, lcp=1700, elements=6500, transferred=400_000)


def test_a_page_meets_the_goals_when_its_blocking_time_is_also_below_the_mathjax_builds():
    [row] = rows({"notes/sigmoid/": FAST}, {"notes/sigmoid/": MATHJAX})
    assert row.ok is True
    assert "blocking time 12.5x ours" in row.measured


def test_a_page_slower_than_the_mathjax_build_or_without_one_misses():
    slower = Score(score=95, tbt=150, cls=0.0, lcp=1800, elements=6000, transferred=250_000)
    quicker = Score(score=99, tbt=120, cls=0.0, lcp=1500, elements=300, transferred=200_000)
    [row] = rows({"notes/sigmoid/": slower}, {"notes/sigmoid/": quicker})
    assert row.ok is False
    [first, second] = rows({"notes/sigmoid/": FAST, "reference/api/": FAST}, {"notes/sigmoid/": MATHJAX})
    assert first.ok is True
    assert second.ok is False
    assert "no Material + MathJax 3 build of this page" in second.measured


def test_without_the_mathjax_build_only_the_page_s_own_goals_count():
    # make bench --ours-only: nothing to compare with.
    assert [row.ok for row in rows({"": FAST}, {})] == [True]
    over = Score(score=88, tbt=230, cls=0.0, lcp=3000, elements=6000, transferred=250_000)
    assert [row.ok for row in rows({"": over}, {})] == [False]
