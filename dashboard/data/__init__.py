"""The only runtime SQL: the read-only DuckDB snapshot, question-shaped queries, the URL state they
take, and their caches. Imports nothing else from the dashboard but `dashboard.i18n`."""
