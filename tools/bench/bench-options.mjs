// @ts-check
/**
 * A benchmark's numeric options (`--size-mb 256`): each defaults as given, and a value that is not
 * a positive number stops the benchmark with its usage line. The benchmarks take only numbers and
 * a few flags, so a lookup in process.argv is all they need.
 * @template {string} Name
 * @param {string} usage e.g. `usage: load-bench.mjs [--size-mb N] [--batch-rows B]`
 * @param {Record<Name, number>} defaults by option name without the leading dashes
 * @returns {Record<Name, number>}
 */
export function benchOptions(usage, defaults) {
  const names = /** @type {Name[]} */ (Object.keys(defaults));
  const values = names.map((name) => {
    const index = process.argv.indexOf(`--${name}`);
    const value = index === -1 ? defaults[name] : Number(process.argv[index + 1]);
    if (!(value > 0)) throw new Error(usage);
    return [name, value];
  });
  return /** @type {Record<Name, number>} */ (Object.fromEntries(values));
}
