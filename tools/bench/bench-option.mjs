// @ts-check
/**
 * A benchmark's `--name value` option: the benchmarks take a few numbers and flags, so a lookup in
 * process.argv is all they need.
 * @param {string} name e.g. `--size-mb`
 * @param {string} fallback the value when the option is not given
 * @returns {string}
 */
export function benchOption(name, fallback) {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
}
