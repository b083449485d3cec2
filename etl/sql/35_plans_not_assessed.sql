-- plans_not_assessed: one row per province per fiscal year whose plan row says it was not assessed
-- (ไม่ได้ประเมิน, N/A, or dashes across the answers). Such a province is not reporting and is not
-- "0 of 4": the dashboard may show it as not assessed instead of as missing. Repeats are kept once.
CREATE TABLE out.plans_not_assessed AS
SELECT DISTINCT province_code, fiscal_year
FROM stg_plans
WHERE plan_state = 'not_assessed'
ORDER BY fiscal_year, province_code;
