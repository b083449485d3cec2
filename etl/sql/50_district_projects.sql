-- district_projects: one row per district-programme project (a district may have several).
-- Sorted by year, province, district for filtering.
CREATE TABLE out.district_projects AS
SELECT district_code, province_code, fiscal_year, category, title
FROM stg_district_projects
ORDER BY fiscal_year, province_code, district_code, source_file, source_row;
