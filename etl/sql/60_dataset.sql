-- dataset: exactly one row describing this build: where the inputs came from, whether they are the
-- bundled sample, when it was built (UTC) and which fiscal years (BE) any table holds; source_th is the
-- source in Thai (dataset.json "source_th", else the source as written); default_year is the fiscal year
-- the dashboard opens on (dataset.json "default_year"; NULL: the latest year).
CREATE TABLE out.dataset AS
SELECT
    CAST($source AS VARCHAR)      AS source,
    CAST($is_sample AS BOOLEAN)   AS is_sample,
    CAST($built_at AS TIMESTAMPTZ) AS built_at,  -- UTC, with its zone
    (SELECT COALESCE(list(fiscal_year ORDER BY fiscal_year), []::INTEGER[]) FROM (
        SELECT fiscal_year FROM out.plans
        UNION SELECT fiscal_year FROM out.plans_not_assessed
        UNION SELECT fiscal_year FROM out.projects
        UNION SELECT fiscal_year FROM out.district_projects
    )) AS fiscal_years,
    CAST($source_th AS VARCHAR)   AS source_th,
    CAST($default_year AS INTEGER) AS default_year;
