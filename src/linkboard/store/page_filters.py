"""The filters the triage queue and the search take: what an analyst chose, checked, as plain
data that each store backend turns into its own conditions."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

#: Risk bands on the 0..1 logistic risk.
BANDS = {"high": (0.7, 1.01), "medium": (0.4, 0.7), "low": (0.0, 0.4)}
SHOW = ("all", "records", "networks")


class FilterError(ValueError):
    """A filter value the queue cannot use, with what is wrong."""


def is_day(value: str) -> bool:
    """Whether VALUE is a YYYY-MM-DD date."""
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _check_days(*values: str) -> None:
    for value in values:
        if value and not is_day(value):
            raise FilterError(f"dates are YYYY-MM-DD, not {value!r}")


@dataclass
class TriageFilters:
    city: str = ""
    state: str = ""
    site: str = ""
    date_from: str = ""
    date_to: str = ""
    indicator: str = ""
    band: str = ""
    has_photo: bool = False
    unseen: bool = False
    show: str = "all"

    def check(self) -> None:
        if self.band and self.band not in BANDS:
            raise FilterError(f"risk band must be one of {', '.join(BANDS)}")
        if self.show not in SHOW:
            raise FilterError(f"show must be one of {', '.join(SHOW)}")
        _check_days(self.date_from, self.date_to)

    def active(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v and not (k == "show" and v == "all")}


@dataclass
class SearchFilters:
    date_from: str = ""
    date_to: str = ""
    city: str = ""
    site: str = ""
    network: str = ""
    indicator: str = ""

    def check(self) -> None:
        _check_days(self.date_from, self.date_to)
