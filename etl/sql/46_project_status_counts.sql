-- project_status_counts: one row per fiscal year, province, goal and status (NULL: not given) with projects,
-- with how many and their budget (NULL budgets count as none). The overview's budget and status views
-- and every per-year trend are sums over these few thousand rows per year, never a scan of the projects.
CREATE TABLE out.project_status_counts AS
SELECT fiscal_year, province_code, goal, status, CAST(count(*) AS INTEGER) AS projects,
       CAST(coalesce(sum(budget_thb), 0) AS DOUBLE) AS budget_thb
FROM out.projects
GROUP BY fiscal_year, province_code, goal, status
ORDER BY fiscal_year, province_code, goal, status;
