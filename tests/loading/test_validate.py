"""loading/validate.py: dates are real and in range."""

from __future__ import annotations


def test_dates_are_real_and_in_range() -> None:
    from hkprobono.loading.validate import real_date

    assert real_date("2024-02-29", full=True) and real_date("2024-02") and real_date("2024")
    for bad in (
        "2023-02-31",
        "0000",
        "0000-01-01",
        "2023-13",
        "9999",
        "2023-1-1",
        "\uff12\uff10\uff12\uff13",
    ):  # the last: full-width digits
        assert not real_date(bad) and not real_date(bad, full=True), bad
