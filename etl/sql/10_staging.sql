-- Staging: rename and cast only. Input: valid_<dataset> views (rows that passed validation, with the
-- parsed value of each column as text in <column>__v). No filtering, joining or deriving here.

-- stg_plans: one row per valid plans input row (repeated province+year rows still present); plan_state is
-- 'plan' (answers are booleans) or 'not_assessed' (answers NULL).
CREATE OR REPLACE TEMP VIEW stg_plans AS
SELECT
    _file                                   AS source_file,
    CAST(_row AS INTEGER)                   AS source_row,
    CAST(province__v AS VARCHAR)            AS province_code,
    CAST(fiscal_year__v AS INTEGER)         AS fiscal_year,
    CAST(has_committee_order__v AS BOOLEAN) AS has_committee_order,
    CAST(has_framework__v AS BOOLEAN)       AS has_framework,
    CAST(has_action_plan__v AS BOOLEAN)     AS has_action_plan,
    CAST(has_project_details__v AS BOOLEAN) AS has_project_details,
    CAST(plan_state AS VARCHAR)             AS plan_state
FROM valid_plans;

-- stg_projects: one row per valid projects input row.
CREATE OR REPLACE TEMP VIEW stg_projects AS
SELECT
    _file                           AS source_file,
    CAST(_row AS INTEGER)           AS source_row,
    CAST(project_id__v AS VARCHAR)  AS project_id,
    CAST(province__v AS VARCHAR)    AS province_code,
    CAST(fiscal_year__v AS INTEGER) AS fiscal_year,
    CAST(goal__v AS INTEGER)        AS goal,
    CAST(target__v AS VARCHAR)      AS target,
    CAST(title__v AS VARCHAR)       AS title,
    CAST(agency__v AS VARCHAR)      AS agency,
    CAST(budget_thb__v AS DOUBLE)   AS budget_thb,
    CAST(status__v AS VARCHAR)      AS status
FROM valid_projects;

-- stg_district_projects: one row per valid district-programme input row.
CREATE OR REPLACE TEMP VIEW stg_district_projects AS
SELECT
    _file                           AS source_file,
    CAST(_row AS INTEGER)           AS source_row,
    CAST(district__v AS VARCHAR)    AS district_code,
    CAST(province__v AS VARCHAR)    AS province_code,
    CAST(fiscal_year__v AS INTEGER) AS fiscal_year,
    CAST(category__v AS VARCHAR)    AS category,
    CAST(title__v AS VARCHAR)       AS title
FROM valid_district_projects;
