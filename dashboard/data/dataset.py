"""What the banner, footer, captions and slides say about the database: its source, date, sample flag."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.i18n import datetime_label


@dataclass(frozen=True)
class DatasetInfo:
    """What the footer and banner say about the database."""

    source: str
    is_sample: bool
    built_at: pd.Timestamp | None  # when the ETL built the database, in UTC
    source_th: str = ""

    def built_in(self, lang: str) -> str:
        """The build time as people in Thailand read it: Bangkok time, Buddhist-era year in Thai."""
        return datetime_label(self.built_at, lang) if self.built_at is not None else "?"

    def source_in(self, lang: str) -> str:
        """The data source in the page language (Thai wording when the build has one)."""
        return self.source_th if lang == "th" and self.source_th else self.source

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> DatasetInfo:
        """From queries.dataset_info's single row (an empty table reads as unknown sample data)."""
        if frame.empty:
            return cls(source="?", is_sample=True, built_at=None)
        row = frame.iloc[0]
        return cls(
            source=str(row["source"]),
            source_th=str(row["source_th"]) if pd.notna(row.get("source_th")) else "",
            is_sample=bool(row["is_sample"]),
            built_at=_utc(row["built_at"]),
        )


def _utc(value: object) -> pd.Timestamp | None:
    """A stored build time as an aware UTC timestamp (older databases stored naive UTC)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    stamp = pd.Timestamp(value)
    return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
