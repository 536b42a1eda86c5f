"""Concise calendar titles from whole sentences (the sentence itself stays in ``evidence``)."""

from __future__ import annotations

import pytest

from tracker.extract.en_text import MAX_TITLE, concise, make_title


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("In other news, Acme Swap will shut down.", "Acme Swap shuts down"),
        ("Additionally, Zeta will be the first chain to go live", "Zeta is the first chain to go live"),
        ("The CPI report will be released", "CPI report released"),
        (
            "Mirror, the writing platform launched in 2020, will stop accepting new posts",
            "Mirror stops accepting new posts",
        ),
        ("Layer-2 rollup Nova will deprecate its bridge to cut costs", "Nova deprecates its bridge"),
        ("Kappa will migrate its token, which has traded since 2021", "Kappa migrates its token"),
    ],
)
def test_concise(sentence: str, title: str) -> None:
    assert concise(sentence) == title


def test_long_titles_stop_at_a_word_under_the_cap() -> None:
    title = concise("Omega " + "very " * 40 + "long")
    assert len(title) <= MAX_TITLE + 1 and title.endswith("…") and " ver…" not in title


def test_table_row_titles_keep_the_named_cell_and_balanced_brackets() -> None:
    row = "Jun 11 | 20:30 | US retail sales (May) | 0.4%"
    assert make_title(row, [(0, 6), (9, 14)]) == "US retail sales (May)"


def test_a_clock_time_never_splits_a_title() -> None:
    import datetime as dt

    from tracker.extract import extract

    text = (
        "Week\n\nTuesday is quiet. On Wednesday, June 10, CPI lands at 8:30 a.m. ET"
        " and PPI at 8:30 a.m. ET.\n"
    )
    events = extract(text, published=dt.date(2026, 6, 6)).events
    assert [(e.date, e.title) for e in events] == [
        (dt.date(2026, 6, 10), "CPI"),
        (dt.date(2026, 6, 10), "PPI"),
    ]


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("Withdrawals will remain open", "Withdrawals remain open"),
        (
            "Sweden and Brazil will also announce rate decisions",
            "Sweden and Brazil also announce rate decisions",
        ),
    ],
)
def test_a_plural_subject_keeps_the_plain_verb(sentence: str, title: str) -> None:
    assert concise(sentence) == title
