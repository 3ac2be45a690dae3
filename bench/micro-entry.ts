// What bench/micro.js times from src/, bundled by bench/run.js.
export { compileExpr } from '../src/expr';
export { localParts } from '../src/time';
