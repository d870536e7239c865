-- One database user per workload, each with only what it does (SPEC §3.8 least privilege):
--   loader  replaces one object version's rows (DELETE + INSERT) and nothing else;
--   reader  reads (the status API and the console).
-- In Aurora both log in with IAM tokens (rds_iam); the IAM policies name these users
-- (rds-db:connect on dbuser:<cluster>/loader or /reader). Outside RDS (the local run's PGlite)
-- the rds_iam role does not exist and the grant is skipped.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'loader') THEN
    CREATE ROLE loader LOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reader') THEN
    CREATE ROLE reader LOGIN;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rds_iam') THEN
    GRANT rds_iam TO loader, reader;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO loader, reader;
GRANT SELECT, INSERT, DELETE ON daily_aggregates TO loader;
GRANT SELECT ON daily_aggregates TO reader;
