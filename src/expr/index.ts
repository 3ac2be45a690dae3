export { floorMod, roundHalfEven } from './builtins';
export { compileExpr } from './compile';
export { type CompiledExpr, type CompileOptions, type ExprEnv, ExprError, type ExprFunction } from './types';
