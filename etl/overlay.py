"""Which rows of which input files a build takes, so files laid over others are read and checked once.

The intake publishes base files overlaid by provinces' submissions: a submission's rows for a
province, fiscal year and dataset replace the base's rows for that key. Applied to the cleaned rows
before any check across rows, the build validates and loads exactly the merged set, in one pass over
the original files (no merged copy written and read again), and its problems name the original files.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from etl.errors import split_place

Key = tuple[str, int, str]  # (province code, fiscal year, dataset)


@dataclass(frozen=True)
class Overlay:
    """Per file name: keys whose rows are left out (`drop`), or the only keys whose rows are taken (`only`).

    Files named in neither are taken whole; a row whose province or year cannot be read is kept by
    `drop` (its problem is reported) and left out by `only`.
    """

    drop: dict[str, frozenset[Key]] = field(default_factory=dict)
    only: dict[str, frozenset[Key]] = field(default_factory=dict)

    def prepare(self, con: duckdb.DuckDBPyConnection) -> None:
        """overlay_tables(_table, keep_listed) for the tables it governs, overlay_keys for their keys."""
        names = [*self.drop, *self.only]
        con.execute("CREATE OR REPLACE TEMP TABLE overlay_tables (_table INTEGER, keep_listed BOOLEAN)")
        con.execute("CREATE OR REPLACE TEMP TABLE overlay_keys "
                    "(_table INTEGER, code VARCHAR, year INTEGER, dataset VARCHAR)")
        tables, keys = [], []
        for table_id, where in con.execute("SELECT DISTINCT _table, _file FROM sources").fetchall():
            name, _ = split_place(str(where), names)
            for rules, only in ((self.drop, False), (self.only, True)):
                if name in rules:
                    tables.append((int(table_id), only))
                    keys += [(int(table_id), code, year, dataset) for code, year, dataset in rules[name]]
        if tables:
            con.executemany("INSERT INTO overlay_tables VALUES (?, ?)", tables)
        if keys:
            con.executemany("INSERT INTO overlay_keys VALUES (?, ?, ?, ?)", keys)

    def apply(self, con: duckdb.DuckDBPyConnection, dataset: str) -> None:
        """Remove the rows this overlay leaves out from clean_<dataset>, and the problems found in them."""
        listed = ("EXISTS (SELECT 1 FROM overlay_keys k WHERE k._table = c._table AND k.dataset = ? "
                  "AND k.code = c.province__v AND k.year = TRY_CAST(c.fiscal_year__v AS INTEGER))")
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE overlay_out AS
            SELECT c._table, c._row FROM clean_{dataset} c JOIN overlay_tables o USING (_table)
            WHERE CASE WHEN o.keep_listed THEN NOT {listed} ELSE {listed} END
        """, [dataset, dataset])
        con.execute(f"DELETE FROM clean_{dataset} c USING overlay_out o "
                    "WHERE c._table = o._table AND c._row = o._row")
        con.execute('DELETE FROM problems p USING overlay_out o '
                    'WHERE p._table = o._table AND p."row" = o._row')
