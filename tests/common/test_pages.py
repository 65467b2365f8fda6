"""Page numbers in listing URLs: the one reading that the listing parser and fetch share."""

from __future__ import annotations

import doctest

import pytest

import pipeline.common.pages
from pipeline.common.pages import listing_path, page_number


@pytest.mark.parametrize(
    ("url", "number"),
    [
        ("https://board.example/jobs/?page=12", 12),
        ("https://board.example/jobs/?p=2&sort=new", 2),
        ("https://board.example/jobs/page/4", 4),
        ("https://board.example/jobs/?page=two", None),
        ("https://board.example/jobs/?page=1234567", None),  # more than six digits is not a page
        ("https://board.example/jobs/", None),
        ("http://[::1/jobs/", None),  # not a URL
    ],
)
def test_page_number(url: str, number: int | None) -> None:
    assert page_number(url) == number


def test_the_pages_of_one_listing_share_its_path() -> None:
    assert listing_path("https://board.example/jobs/page/3/") == listing_path("https://board.example/jobs")
    assert listing_path("https://board.example/jobs/page/3/") != listing_path("https://board.example/blog/page/3/")


def test_doctests() -> None:
    assert doctest.testmod(pipeline.common.pages).failed == 0
