-- project_counts: one row per fiscal year, province and goal that has at least one project, with how many.
-- Every count the overview shows (map, goal and region bars, heatmap, headline figures) is a sum over
-- these few thousand rows instead of a scan of every project: interactions stay fast at national scale.
CREATE TABLE out.project_counts AS
SELECT fiscal_year, province_code, goal, CAST(count(*) AS INTEGER) AS projects
FROM out.projects
GROUP BY fiscal_year, province_code, goal
ORDER BY fiscal_year, province_code, goal;
