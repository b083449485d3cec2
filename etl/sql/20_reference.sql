-- Reference marts, from the committed lookups in data/reference/ (registered as ref_<name>).
-- All are written into the output database `out`, sorted by their key.

-- regions: one row per region of the six-region system.
CREATE TABLE out.regions AS
SELECT CAST(region_code AS VARCHAR) AS region_code, name_th, name_en, CAST(sort_order AS INTEGER) AS sort_order
FROM ref_regions ORDER BY sort_order;

-- provinces: one row per province (77); is_pilot = one of the 15 UNDP pilot provinces.
CREATE TABLE out.provinces AS
SELECT CAST(p.province_code AS VARCHAR) AS province_code, CAST(p.iso_code AS VARCHAR) AS iso_code,
       p.name_th, p.name_en, CAST(p.region_code AS VARCHAR) AS region_code,
       pi.province_code IS NOT NULL AS is_pilot
FROM ref_provinces p LEFT JOIN ref_pilots pi ON pi.province_code = p.province_code
ORDER BY p.province_code;

-- pilots: one row per pilot province, in the seed's order.
CREATE TABLE out.pilots AS
SELECT CAST(province_code AS VARCHAR) AS province_code, CAST(pilot_order AS INTEGER) AS pilot_order
FROM ref_pilots ORDER BY pilot_order;

-- pilot_milestones: one row per milestone of the UNDP localization process (the seed's timeline);
-- a period runs from start_date to end_date, a day has both the same.
CREATE TABLE out.pilot_milestones AS
SELECT milestone, kind, CAST(start_date AS DATE) AS start_date, CAST(end_date AS DATE) AS end_date,
       name_th, name_en
FROM ref_pilot_milestones ORDER BY start_date, milestone;

-- sdg_goals: one row per SDG goal (1-17) with the UN colour.
CREATE TABLE out.sdg_goals AS
SELECT CAST(goal AS INTEGER) AS goal, short_en, short_th, name_en, name_th, CAST(color AS VARCHAR) AS color
FROM ref_sdg_goals ORDER BY goal;

-- sdg_targets: one row per official SDG target (169).
CREATE TABLE out.sdg_targets AS
SELECT CAST(target AS VARCHAR) AS target, CAST(goal AS INTEGER) AS goal, CAST(sort_order AS INTEGER) AS sort_order
FROM ref_sdg_targets ORDER BY sort_order;

-- moi_roles: one row per role of the Ministry of Interior: C1 per goal (target NULL), C2 per target.
CREATE TABLE out.moi_roles AS
SELECT CAST(role AS VARCHAR) AS role, CAST(goal AS INTEGER) AS goal, NULLIF(CAST(target AS VARCHAR), '') AS target
FROM ref_moi_roles ORDER BY role, goal, target;

-- districts: one row per district (amphoe), keyed by the 4-digit DOPA code.
CREATE TABLE out.districts AS
SELECT CAST(district_code AS VARCHAR) AS district_code, CAST(province_code AS VARCHAR) AS province_code,
       name_th, name_en
FROM ref_districts ORDER BY district_code;

-- district_categories: one row per category of the district programme.
CREATE TABLE out.district_categories AS
SELECT CAST(category AS VARCHAR) AS category, name_th, name_en, CAST(sort_order AS INTEGER) AS sort_order
FROM ref_district_categories ORDER BY sort_order;
