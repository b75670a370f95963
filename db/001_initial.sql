-- Debtors, their claims and events, the policy revisions decisions were made under, and the
-- append-only decision log.

CREATE TABLE debtors (
    ref                             text PRIMARY KEY,
    arrangement_request             text NOT NULL
        CHECK (arrangement_request IN ('none', 'standard', 'personal')),
    monthly_payment_capacity_cents  bigint CHECK (monthly_payment_capacity_cents >= 0),
    assets_cents                    bigint CHECK (assets_cents >= 0),
    ongoing_allowances              jsonb NOT NULL DEFAULT '[]',
    created_at                      timestamptz NOT NULL DEFAULT now(),
    updated_at                      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE claims (
    debtor_ref      text NOT NULL REFERENCES debtors (ref),
    ref             text NOT NULL,
    allowance       text NOT NULL CHECK (allowance IN
                        ('huurtoeslag', 'zorgtoeslag', 'kinderopvangtoeslag', 'kindgebonden_budget')),
    benefit_year    integer NOT NULL,
    origin          text NOT NULL CHECK (origin IN ('definitive', 'advance')),
    decision_date   date NOT NULL,
    amount_cents    bigint NOT NULL CHECK (amount_cents > 0),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (debtor_ref, ref)
);

CREATE TABLE claim_events (
    debtor_ref      text NOT NULL,
    claim_ref       text NOT NULL,
    id              text NOT NULL,
    type            text NOT NULL CHECK (type IN
                        ('aanmaning', 'dwangbevel', 'offset', 'written_claim', 'payment')),
    date            date NOT NULL,
    amount_cents    bigint CHECK (amount_cents > 0),
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (debtor_ref, claim_ref, id),
    FOREIGN KEY (debtor_ref, claim_ref) REFERENCES claims (debtor_ref, ref)
);

-- Every policy revision a decision may name, with its exact text, so a decision can be replayed
-- under the revision it was made with even after the document on disk has changed.
CREATE TABLE policy_revisions (
    version         text NOT NULL,
    content_hash    text NOT NULL,
    title           text NOT NULL,
    source_file     text NOT NULL,
    source_text     text NOT NULL,
    first_loaded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (version, content_hash)
);

CREATE TABLE decisions (
    seq             bigserial NOT NULL UNIQUE,
    id              uuid PRIMARY KEY,
    debtor_ref      text NOT NULL REFERENCES debtors (ref),
    as_of           date NOT NULL,
    policy_version  text NOT NULL,
    policy_hash     text NOT NULL,
    outcome         text NOT NULL,
    requires_review boolean NOT NULL,
    input           jsonb NOT NULL,
    result          jsonb NOT NULL,
    decided_at      timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (policy_version, policy_hash) REFERENCES policy_revisions (version, content_hash)
);

CREATE INDEX decisions_by_debtor ON decisions (debtor_ref, seq DESC);

-- Append-only, enforced here rather than trusted to the code: no UPDATE, DELETE or TRUNCATE.
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER decisions_append_only
    BEFORE UPDATE OR DELETE ON decisions
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER decisions_no_truncate
    BEFORE TRUNCATE ON decisions
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER policy_revisions_append_only
    BEFORE UPDATE OR DELETE ON policy_revisions
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER policy_revisions_no_truncate
    BEFORE TRUNCATE ON policy_revisions
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
