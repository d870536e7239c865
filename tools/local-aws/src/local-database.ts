import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** Database name PGlite answers to (it has one database; the name a client sends is not checked). */
const DATABASE_NAME = 'postgres';
/** One warm connection per database function (migrate, load, status API) and a few for tools. */
const MAX_CONNECTIONS = 8;

/**
 * An embedded real Postgres (PGlite: Postgres 18 in WebAssembly) served on loopback with the
 * PostgreSQL wire protocol, so the bundled Lambda handlers connect to it with `pg` exactly as
 * they connect to Aurora, minus TLS and IAM tokens. In process, `db` runs the same SQL directly.
 *
 * PGlite is a single session: the socket server queues the statements of its connections onto
 * it, so two clients must not hold transactions at the same time. The local run's steps are
 * sequential, which keeps that true.
 */
export class LocalDatabase {
  private constructor(
    readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    readonly host: string,
    readonly port: number,
  ) {}

  /** Starts PGlite in memory and its socket server on a free loopback port (about 2 s on an idle machine). */
  static async start(): Promise<LocalDatabase> {
    const db = await PGlite.create();
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: MAX_CONNECTIONS });
    try {
      await server.start();
    } catch (error) {
      await db.close();
      throw error;
    }
    const [host, port] = server.getServerConn().split(':');
    return new LocalDatabase(db, server, host!, Number(port));
  }

  /** The `DB_*` variables of a database function (runtime/database-connection.ts), connecting as `user`. */
  environment(user: string): Record<string, string> {
    return {
      DB_HOST: this.host,
      DB_PORT: String(this.port),
      DB_NAME: DATABASE_NAME,
      DB_USER: user,
      DB_AUTH: 'password',
      DB_PASSWORD: 'local',
      DB_TLS: 'off',
    };
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
  }
}
