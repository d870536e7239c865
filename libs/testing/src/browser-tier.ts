import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe } from 'vitest';

/**
 * The Chromium the browser tier drives: CHROMIUM_PATH, else Debian's `chromium` on PATH
 * (`apt-get install chromium`; Playwright's own browser download is not reachable here).
 */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env['CHROMIUM_PATH'];
  if (explicit) return existsSync(explicit) ? explicit : undefined;
  const found = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).stdout.trim().split('\n')[0];
  return found ? found : undefined;
}

/**
 * describe() for tests that drive a real headless browser: skipped only where no Chromium exists,
 * and then loudly, like the Terraform tier, so a green run without it is never taken for a full one.
 */
export function describeWithBrowser(name: string, body: (executablePath: string) => void): void {
  const executablePath = chromiumPath();
  if (!executablePath) {
    process.stderr.write(`\n*** SKIPPED: ${name}: no Chromium (set CHROMIUM_PATH or apt-get install chromium; .ci/run installs it) ***\n\n`);
  }
  describe.skipIf(executablePath === undefined)(name, () => body(executablePath ?? ''));
}
