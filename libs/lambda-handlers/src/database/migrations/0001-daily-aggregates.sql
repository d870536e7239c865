-- The pipeline's daily aggregates (SPEC §3.3, §5): one row per source object version, account,
-- currency and UTC date. Sums are exact integers in minor units: numeric, never float, and wide
-- enough for sums past 2^63.
CREATE TABLE daily_aggregates (
  source_bucket     text        NOT NULL,
  source_key        text        NOT NULL,
  source_version    text        NOT NULL,
  account_id        text        NOT NULL,
  currency          char(3)     NOT NULL,
  day               date        NOT NULL,
  run_id            text        NOT NULL,
  transaction_count bigint      NOT NULL CHECK (transaction_count > 0),
  settled_minor     numeric     NOT NULL CHECK (settled_minor = trunc(settled_minor)),
  pending_minor     numeric     NOT NULL CHECK (pending_minor = trunc(pending_minor)),
  reversed_minor    numeric     NOT NULL CHECK (reversed_minor = trunc(reversed_minor)),
  loaded_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source_bucket, source_key, source_version, account_id, currency, day)
);

-- GET /accounts/{id}/balances?from=&to= reads one account over a date range.
CREATE INDEX daily_aggregates_account_day ON daily_aggregates (account_id, day);
