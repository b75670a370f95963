-- The collection strategy's events (issue 3): a collector's interruption names who and why;
-- Awir 29a restart letters; and what happened to the debtor's arrangement (start, missed
-- instalment, reminder, withdrawal, a granted payment pause).

ALTER TABLE claim_events DROP CONSTRAINT claim_events_type_check;
ALTER TABLE claim_events ADD CONSTRAINT claim_events_type_check CHECK (type IN
    ('aanmaning', 'dwangbevel', 'offset', 'written_claim', 'payment', 'interruption',
     'restart_letter', 'restart_extension'));
ALTER TABLE claim_events ADD COLUMN by text;
ALTER TABLE claim_events ADD COLUMN reason text;
-- A collector's interruption is only valid with who decided it and why.
ALTER TABLE claim_events ADD CONSTRAINT claim_events_interruption_attributed
    CHECK (type <> 'interruption' OR (by IS NOT NULL AND reason IS NOT NULL));

CREATE TABLE debtor_events (
    debtor_ref      text NOT NULL REFERENCES debtors (ref),
    id              text NOT NULL,
    type            text NOT NULL CHECK (type IN
                        ('arrangement_start', 'instalment_missed', 'reminder',
                         'arrangement_withdrawn', 'pause')),
    date            date NOT NULL,
    months          integer CHECK (months BETWEEN 1 AND 24),
    by              text,
    reason          text,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (debtor_ref, id),
    CHECK ((type = 'pause') = (months IS NOT NULL))
);

CREATE INDEX debtor_events_by_date ON debtor_events (debtor_ref, date);
