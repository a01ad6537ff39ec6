-- Revisions are rows: the primary key (case, document, revision) makes a second
-- writer of the same revision fail by construction, so a stale save is a conflict.
CREATE TABLE revisions (
    case_id         text        NOT NULL,
    doc_id          text        NOT NULL,
    revision        integer     NOT NULL CHECK (revision >= 1),
    kind            text        NOT NULL,
    parent_revision integer     CHECK (parent_revision IS NULL OR parent_revision = revision - 1),
    saved_at        timestamptz NOT NULL,
    envelope        jsonb       NOT NULL,
    PRIMARY KEY (case_id, doc_id, revision)
);

-- The latest revision of each document (what the file store's index.sqlite3 keeps).
CREATE TABLE documents (
    case_id text    NOT NULL,
    doc_id  text    NOT NULL,
    kind    text    NOT NULL,
    latest  integer NOT NULL,
    PRIMARY KEY (case_id, doc_id)
);

-- One row per case: the list columns and the countable follow-up facts.
-- A save locks its case's row, so two saves to one case never compute the row from
-- different views of the documents.
CREATE TABLE cases (
    case_id      text PRIMARY KEY,
    type         text,
    display_name text,
    status       text,
    named_person text,
    team         text,
    next_review  date,
    raised_on    date,
    updated_at   timestamptz,
    facts        jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX cases_next_review ON cases (next_review, raised_on, case_id);
CREATE INDEX cases_display_name ON cases (lower(display_name), case_id);
CREATE INDEX cases_status ON cases (status);

-- A number that changes whenever the case list may have changed (the app's cache key).
CREATE TABLE store_generation (
    one   boolean PRIMARY KEY DEFAULT true CHECK (one),
    value bigint  NOT NULL
);
INSERT INTO store_generation VALUES (true, 0);
