export { AGGREGATES_TABLE, countVersionRows, loadAggregates, type AggregateSource, type LoadOptions } from './load-aggregates.js';
export { migrate, MigrationChangedError, MIGRATIONS, MIGRATIONS_TABLE, type Migration } from './migrate.js';
export { pgSession, withTransaction, type SqlSession } from './sql-session.js';
export { DATABASE_ENV, databaseConnection, type DatabaseAuth } from '../runtime/database-connection.js';
