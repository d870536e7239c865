// @ts-check
// mulberry32: a tiny deterministic PRNG, so generated test data, the local run's sample file and
// the benchmark's input are the same on every machine and every run. CommonJS with JSDoc types,
// so the TypeScript tests, the local run and the plain-Node benchmark all import this one copy
// (`@data-platform/workspace/seeded-random`: the one package every project may depend on).

/**
 * @param {number} seed
 * @returns {() => number} uniform in [0, 1)
 */
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

module.exports = { mulberry32 };
