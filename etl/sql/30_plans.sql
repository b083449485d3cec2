-- plans: one row per province per fiscal year that was assessed (not-assessed rows go to plans_not_assessed,
-- so every query on plans counts reporting provinces only).
-- A province+year sent twice with identical answers (a warning at validation) is kept once, the first
-- by file and row; different answers never get here (they are errors). completeness = how many of
-- the seed's four components are present (0-4). Sorted by year then province for filtering.
CREATE TABLE out.plans AS
SELECT province_code, fiscal_year, has_committee_order, has_framework, has_action_plan, has_project_details,
       CAST(has_committee_order AS INTEGER) + CAST(has_framework AS INTEGER)
       + CAST(has_action_plan AS INTEGER) + CAST(has_project_details AS INTEGER) AS completeness
FROM stg_plans
WHERE plan_state = 'plan'
QUALIFY row_number() OVER (PARTITION BY province_code, fiscal_year ORDER BY source_file, source_row) = 1
ORDER BY fiscal_year, province_code;
