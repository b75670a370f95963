-- What the strategy's rules may know of a debtor's situation (issue 3): household income and
-- costs (to compute the payment capacity), recognition as a victim of the allowance affair, and
-- maatwerk signals from the closed list of collection-rules.md §10.
ALTER TABLE debtors ADD COLUMN income jsonb;
ALTER TABLE debtors ADD COLUMN herstel jsonb;
ALTER TABLE debtors ADD COLUMN signals jsonb NOT NULL DEFAULT '[]';

-- Payments to the debtor's account as a whole (spread over the claims by Awir 34(3)), and the
-- day a pause was granted (a decision as of an earlier day must not know it).
ALTER TABLE debtor_events DROP CONSTRAINT debtor_events_type_check;
ALTER TABLE debtor_events ADD CONSTRAINT debtor_events_type_check CHECK (type IN
    ('arrangement_start', 'instalment_missed', 'reminder', 'arrangement_withdrawn', 'pause',
     'payment'));
ALTER TABLE debtor_events ADD COLUMN amount_cents bigint CHECK (amount_cents > 0);
ALTER TABLE debtor_events ADD COLUMN granted_on date;
ALTER TABLE debtor_events ADD CONSTRAINT debtor_events_payment_amount
    CHECK ((type = 'payment') = (amount_cents IS NOT NULL));
ALTER TABLE debtor_events ADD CONSTRAINT debtor_events_granted_on_pause
    CHECK (granted_on IS NULL OR type = 'pause');

-- A ground for collecting everything at once (Awir 31a).
ALTER TABLE debtors ADD COLUMN immediate_collection_ground text CHECK (immediate_collection_ground
    IN ('bankruptcy', 'wsnp', 'leaving_country', 'no_fixed_address', 'hiding_goods'));
