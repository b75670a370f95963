-- Measures added to the catalogue through the API (POST /v1/measures). The shipped catalogue
-- (policies/measures.toml) holds the measures known when the service was built; these rows are
-- the ones policy staff added since, in the order they were added (seq). The service merges
-- them after the file's entries at start-up.

CREATE TABLE added_measures (
    seq             bigserial NOT NULL UNIQUE,
    -- The same rules as the catalogue file (service/policy/measures.py), checked here too so a
    -- row written by another hand cannot stop the service from starting.
    id              text PRIMARY KEY
        CHECK (id ~ '^M-[A-Z0-9]+(-[A-Z0-9]+)*$' AND length(id) <= 64),
    name_nl         text NOT NULL CHECK (char_length(name_nl) BETWEEN 1 AND 2000),
    name_en         text NOT NULL CHECK (char_length(name_en) BETWEEN 1 AND 2000),
    status          text NOT NULL CHECK (status IN
                        ('implemented', 'translated_into_policy', 'in_law', 'policy', 'ambition',
                         'unknown')),
    source          text NOT NULL CHECK (char_length(source) BETWEEN 1 AND 2000),
    rules_section   text CHECK (char_length(rules_section) BETWEEN 1 AND 2000),
    recorded_at     timestamptz NOT NULL DEFAULT now()
);

-- Append-only like the decision log: an entry others may already have read and cited is not
-- changed or withdrawn behind their backs.
CREATE TRIGGER added_measures_append_only
    BEFORE UPDATE OR DELETE ON added_measures
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER added_measures_no_truncate
    BEFORE TRUNCATE ON added_measures
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
