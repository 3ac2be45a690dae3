/** Bad simulation input (missing series, unknown instance types, bad values): exit 2, one line. */
export class SimulationInputError extends Error {}
