/**
 * In-process speed figures that used to be wall-clock assertions inside tests (where a loaded machine made
 * them fail): expression evaluation and time-zone conversion. `src` is bench/micro-entry.ts, bundled.
 * Each figure is the median of `runs` timed loops, after a warm-up.
 */
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function timeLoop(runs, loop) {
  loop(); // warm up the JIT
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const began = process.hrtime.bigint();
    loop();
    ms.push(Number(process.hrtime.bigint() - began) / 1e6);
  }
  return median(ms);
}

/** Evaluations a second of a typical design expression (a cheap stand-in for gauss: speed, not draws). */
function exprEvalsPerSecond(src, runs) {
  const gauss = { name: 'gauss', minArgs: 2, maxArgs: 2, random: true, call: (a) => a.length };
  const e = src.compileExpr('clamp(x * (1 + 0.3 * sin(2 * pi * hour / 24)), 0, 64) + gauss(0, 5) % 3', {
    variables: ['x'],
    functions: [gauss],
  });
  const env = {
    vars: new Map([['x', 10]]),
    t: 0,
    hour: 13.5,
    weekday: 4,
    localParts: () => ({ hour: 0, weekday: 0 }),
  };
  const n = 300_000;
  let sum = 0;
  const ms = timeLoop(runs, () => {
    for (let i = 0; i < n; i++) sum += e.evaluate(env);
  });
  if (!(sum > 0)) throw new Error('expression bench computed nothing');
  return n / (ms / 1000);
}

/** Milliseconds to convert a year of minute points in a zone with daylight saving. */
function zoneYearMs(src, runs) {
  const start = Date.UTC(2017, 0, 1) / 1000;
  let sum = 0;
  const ms = timeLoop(runs, () => {
    for (let i = 0; i < 525_600; i++) sum += src.localParts(start + i * 60, 'America/Los_Angeles').hour;
  });
  if (!(sum > 0)) throw new Error('zone bench computed nothing');
  return ms;
}

function measureMicro(src, runs) {
  return { expr_evals_per_s: exprEvalsPerSecond(src, runs), zone_year_of_minutes_ms: zoneYearMs(src, runs) };
}

module.exports = { measureMicro };
