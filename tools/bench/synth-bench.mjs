// @ts-check
// Synth benchmark: wall time to synthesize all three environments with the Nx cache off and
// warm, the same three synths run directly without Nx, and, as a reference, the time to load
// the AWS provider package root (what importing by submodule avoids). Handler and layer builds
// are done first and not timed. Usage: npm run bench:synth [-- --runs N]
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Math.max(1, Number(values.runs));
const apps = ['infra-dev', 'infra-staging', 'infra-prod'];
const nx = resolve(root, 'node_modules/.bin/nx');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };

/** @param {() => unknown} fn */
function seconds(fn) {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}
/**
 * @param {string} command
 * @param {string[]} args
 */
function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
}
const median = (/** @type {number[]} */ xs) => /** @type {number} */ ([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]);
/**
 * @param {string} name
 * @param {() => unknown} fn
 */
function measure(name, fn) {
  const samples = Array.from({ length: runs }, () => seconds(fn));
  return { name, median: median(samples), samples };
}

// Not timed: the zips every synth hashes.
run(nx, ['run-many', '-t', 'build', '-p', 'lambda-handlers', 'lambda-layer', '--outputStyle=static']);

const synthArgs = ['run-many', '-t', 'synth', '-p', ...apps, '--exclude-task-dependencies', '--outputStyle=static'];
const results = [
  measure('nx synth x3, cache off', () => run(nx, [...synthArgs, '--skip-nx-cache'])),
  measure('nx synth x3, cache warm', () => run(nx, synthArgs)),
  measure('direct synth x3 (no Nx), sequential', () => apps.forEach((app) => run(process.execPath, ['tools/nx-cdktf/src/synth.mjs', `apps/${app}`]))),
  measure('reference: load @cdktf/provider-aws root', () =>
    execFileSync(process.execPath, ['-e', "require('@cdktf/provider-aws')"], { cwd: root, env })),
  measure('reference: node startup', () => execFileSync(process.execPath, ['-e', '0'], { cwd: root, env })),
];

// Five measurements, in the order above.
const [cold, warm, , providerRoot] = /** @type {[number, number, number, number, number]} */ (results.map((r) => r.median));
console.log(`\nsynth benchmark (${runs} runs each, median seconds; machine: ${(await import('node:os')).cpus().length} cores)\n`);
for (const r of results) console.log(`  ${r.name.padEnd(45)} ${r.median.toFixed(2).padStart(6)} s   [${r.samples.map((s) => s.toFixed(2)).join(', ')}]`);
console.log(`\n  cold all-three vs target 3 s: ${(cold / 3).toFixed(2)}x of budget`);
console.log(`  warm all-three vs target 1 s: ${(warm / 1).toFixed(2)}x of budget`);
console.log(`  cold all-three / one provider-root load: ${(cold / providerRoot).toFixed(2)}`);
console.log(JSON.stringify({ bench: 'synth', runs, results: Object.fromEntries(results.map((r) => [r.name, r.median])) }));
