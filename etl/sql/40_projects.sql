-- projects: one row per project.
-- A project without an id gets P<year>-<province>-<nnnn>, numbered within its province and year in
-- file and row order, so the same inputs always give the same ids. Sorted by year, goal, province so
-- DuckDB's zone maps skip row groups when the dashboard filters on them.
CREATE TABLE out.projects AS
SELECT
    COALESCE(project_id, 'P' || fiscal_year || '-' || province_code || '-' || lpad(CAST(
        row_number() OVER (PARTITION BY fiscal_year, province_code, project_id IS NULL
                           ORDER BY source_file, source_row) AS VARCHAR), 4, '0')) AS project_id,
    province_code, fiscal_year, goal, target, title, agency, budget_thb, status
FROM stg_projects
ORDER BY fiscal_year, goal, province_code, project_id;
