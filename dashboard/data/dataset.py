"""What the banner, footer, captions and slides say about the database: its source, date, sample flag."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class DatasetInfo:
    """What the footer and banner say about the database."""

    source: str
    is_sample: bool
    built_at: str
    source_th: str = ""

    def source_in(self, lang: str) -> str:
        """The data source in the page language (Thai wording when the build has one)."""
        return self.source_th if lang == "th" and self.source_th else self.source

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> DatasetInfo:
        """From queries.dataset_info's single row (an empty table reads as unknown sample data)."""
        if frame.empty:
            return cls(source="?", is_sample=True, built_at="?")
        row = frame.iloc[0]
        built = pd.Timestamp(row["built_at"]) if pd.notna(row["built_at"]) else None
        return cls(
            source=str(row["source"]),
            source_th=str(row["source_th"]) if pd.notna(row.get("source_th")) else "",
            is_sample=bool(row["is_sample"]),
            built_at=built.strftime("%Y-%m-%d %H:%M") if built is not None else "?",
        )
