import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalFunction, type LocalFunctionConfig } from '../src/index.js';

/** A task root holding one handler module. */
async function taskRoot(dir: string, name: string, source: string) {
  const taskDir = join(dir, name, 'var', 'task');
  await mkdir(taskDir, { recursive: true });
  await writeFile(join(taskDir, 'index.mjs'), source);
  return { taskDir, optDir: join(dir, name, 'opt'), tmpDir: dir };
}

describe('LocalFunction', () => {
  let dir: string;
  const functions: LocalFunction[] = [];

  async function localFunction(name: string, source: string, overrides: Partial<LocalFunctionConfig> = {}): Promise<LocalFunction> {
    const fn = new LocalFunction({
      name,
      arn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
      handler: 'index.handler',
      memoryMb: 256,
      timeoutSeconds: 5,
      logGroup: `/aws/lambda/${name}`,
      environment: { PATH: process.env['PATH'] ?? '', GREETING: 'hello', AWS_LAMBDA_FUNCTION_NAME: name },
      root: await taskRoot(dir, name, source),
      logFile: join(dir, `${name}.log`),
      ...overrides,
    });
    functions.push(fn);
    return fn;
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'local-function-'));
  });

  afterAll(async () => {
    await Promise.all(functions.map((fn) => fn.stop()));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('imports the handler once (cold start) and reuses the environment, with its variables and a Lambda context', async () => {
    const fn = await localFunction(
      'echo',
      `let calls = 0;
       export const handler = async (event, context) => ({
         event, calls: ++calls, greeting: process.env.GREETING, name: context.functionName,
         arn: context.invokedFunctionArn, remaining: context.getRemainingTimeInMillis() > 0, requestId: context.awsRequestId,
       });`,
    );
    const first = await fn.invoke({ a: 1 });
    const second = await fn.invoke({ a: 2 });
    expect(first).toMatchObject({ ok: true, payload: { event: { a: 1 }, calls: 1, greeting: 'hello', name: 'echo', arn: fn.config.arn, remaining: true } });
    expect(second).toMatchObject({ ok: true, payload: { event: { a: 2 }, calls: 2 } });
    expect(fn.coldStarts).toBe(1);
    expect(await readFile(fn.config.logFile, 'utf8')).toMatch(/START RequestId: .*\nEND RequestId: /);
  });

  it('reports a thrown error as Lambda does: errorType, errorMessage and trace', async () => {
    const fn = await localFunction(
      'thrower',
      `export const handler = async () => { const error = new Error('{"reason":"missing_column"}'); error.name = 'PermanentError'; throw error; };`,
    );
    const outcome = await fn.invoke({});
    expect(outcome).toMatchObject({ ok: false, error: { errorType: 'PermanentError', errorMessage: '{"reason":"missing_column"}' } });
    expect(outcome.ok ? [] : outcome.error.trace).toEqual(expect.arrayContaining([expect.stringContaining('PermanentError')]));
  });

  it('times out after the configured timeout with Sandbox.Timedout and starts a fresh environment next time', async () => {
    const fn = await localFunction('sleeper', `export const handler = async (event) => { if (event.sleep) await new Promise((r) => setTimeout(r, 60_000)); return 'awake'; };`, {
      timeoutSeconds: 0.3,
    });
    expect(await fn.invoke({ sleep: true })).toMatchObject({ ok: false, error: { errorType: 'Sandbox.Timedout', errorMessage: expect.stringContaining('Task timed out after 0.30 seconds') } });
    expect(await fn.invoke({ sleep: false })).toEqual({ ok: true, payload: 'awake' });
    expect(fn.coldStarts).toBe(2);
  });

  it('fails the invocation with the init error when the module cannot load, and retries the cold start next time', async () => {
    const fn = await localFunction('broken', `throw Object.assign(new Error('Missing required environment variable(s): TABLE_NAME'), { name: 'MissingEnvironmentError' });`);
    expect(await fn.invoke({})).toMatchObject({ ok: false, error: { errorType: 'MissingEnvironmentError' } });
    expect(await fn.invoke({})).toMatchObject({ ok: false, error: { errorType: 'MissingEnvironmentError' } });
    expect(fn.coldStarts).toBe(2);
  });

  it('reports a crashed environment as Runtime.ExitError', async () => {
    const fn = await localFunction('crasher', `export const handler = async () => { process.exit(3); };`);
    expect(await fn.invoke({})).toMatchObject({ ok: false, error: { errorType: 'Runtime.ExitError', errorMessage: expect.stringContaining('exit status 3') } });
  });
});
