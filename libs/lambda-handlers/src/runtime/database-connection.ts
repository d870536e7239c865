import { Signer } from '@aws-sdk/rds-signer';
import pg from 'pg';
import { pgSession, type SqlSession } from '../database/sql-session.js';
import { requireEnv } from './env.js';

/**
 * How a function reaches the database, from its environment (the stack sets these):
 *   DB_HOST, DB_PORT, DB_NAME, DB_USER   where and as whom
 *   DB_AUTH   `iam`      a 15-minute IAM token as password (rds-db:connect on that user only);
 *             `secret`   the RDS-managed master secret DB_SECRET_ARN (migrations only);
 *             `password` DB_PASSWORD as given (the local run's PGlite, which checks none)
 *   DB_TLS    `verify` (Aurora, rds.force_ssl = 1; the runtime's CA bundle via NODE_EXTRA_CA_CERTS) or `off` (loopback)
 */
export const DATABASE_ENV = ['DB_HOST', 'DB_PORT', 'DB_NAME', 'DB_USER', 'DB_AUTH', 'DB_TLS'] as const;

export type DatabaseAuth = 'iam' | 'secret' | 'password';

/** Reads the master password from the RDS-managed secret (JSON `{ username, password }`). */
async function masterPassword(secretArn: string): Promise<string> {
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const secret = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: secretArn }));
  const password = (JSON.parse(secret.SecretString ?? '{}') as { password?: string }).password;
  if (!password) throw new Error(`secret ${secretArn} holds no password`);
  return password;
}

/**
 * Opens the database lazily and keeps one connection per execution environment (a Lambda handles
 * one request at a time, so a pool would only hold idle connections against Aurora's limit). A
 * connection that fails is dropped, so the next call reconnects.
 */
export function databaseConnection(env: NodeJS.ProcessEnv = process.env): () => Promise<SqlSession> {
  const settings = requireEnv(DATABASE_ENV, env);
  const auth = settings.DB_AUTH as DatabaseAuth;
  if (!['iam', 'secret', 'password'].includes(auth)) throw new Error(`DB_AUTH must be iam, secret or password, got ${auth}`);
  const port = Number(settings.DB_PORT);
  const password = (): Promise<string> => {
    if (auth === 'iam') return new Signer({ hostname: settings.DB_HOST, port, username: settings.DB_USER }).getAuthToken();
    if (auth === 'secret') return masterPassword(requireEnv(['DB_SECRET_ARN'], env).DB_SECRET_ARN);
    return Promise.resolve(env['DB_PASSWORD'] ?? '');
  };
  let open: Promise<SqlSession> | undefined;
  return () => {
    open ??= (async () => {
      const client = new pg.Client({
        host: settings.DB_HOST,
        port,
        database: settings.DB_NAME,
        user: settings.DB_USER,
        password,
        ssl: settings.DB_TLS === 'off' ? false : { rejectUnauthorized: true },
        connectionTimeoutMillis: 10_000,
      });
      client.on('error', () => {
        open = undefined;
      });
      await client.connect();
      return pgSession(client);
    })().catch((error: unknown) => {
      open = undefined;
      throw error;
    });
    return open;
  };
}
