"""ETL: provincial submissions (CSV/XLSX, Thai or English) -> validated, normalised DuckDB."""
