-- Region scale: the first page of the case list and a search answer from indexes,
-- not by sorting or scanning every case.

-- The "soonest review first" order exactly as the store asks for it.
CREATE INDEX cases_review_order ON cases ((next_review IS NULL), (coalesce(next_review, raised_on)), case_id)
    WHERE type IS NOT NULL;

-- Substring search (ILIKE '%words%') on each searched column. pg_trgm ships with
-- PostgreSQL (contrib) and is a trusted extension: the database owner may create it.
-- It lives in "public" so that every schema (a test's own, for one) finds its operators.
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
CREATE INDEX cases_display_name_trgm ON cases USING gin (display_name public.gin_trgm_ops);
CREATE INDEX cases_case_id_trgm ON cases USING gin (case_id public.gin_trgm_ops);
CREATE INDEX cases_named_person_trgm ON cases USING gin (named_person public.gin_trgm_ops);
CREATE INDEX cases_team_trgm ON cases USING gin (team public.gin_trgm_ops);
