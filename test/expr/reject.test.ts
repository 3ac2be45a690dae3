/** Untrusted text never reaches JavaScript: everything outside the language fails to compile, with a column. */
import { compileExpr, ExprError, type ExprFunction } from '../../src/expr';
import { compileError, recorder } from './support';

describe('names and properties that could reach JavaScript objects', () => {
  it.each<[string, string]>([
    ['constructor', "unknown name 'constructor' at column 1"],
    ['__proto__', "unknown name '__proto__' at column 1"],
    ['toString', "unknown name 'toString' at column 1"],
    ['hasOwnProperty', "unknown name 'hasOwnProperty' at column 1"],
    ['process', "unknown name 'process' at column 1"],
    ['globalThis', "unknown name 'globalThis' at column 1"],
    ['x + Math', "unknown name 'Math' at column 5"],
    ["require('fs')", "unknown function 'require' at column 1"],
    ['constructor(1)', "unknown function 'constructor' at column 1"],
    ['eval(1)', "unknown function 'eval' at column 1"],
    ['this', "'this' is not allowed at column 1"],
    ['this.x', "'this' is not allowed at column 1"],
    [
      'x.__proto__',
      "property access '.__proto__' is not allowed at column 2 (use only numbers, names and function calls)",
    ],
    [
      'x.constructor',
      "property access '.constructor' is not allowed at column 2 (use only numbers, names and function calls)",
    ],
    [
      '(1).constructor',
      "property access '.constructor' is not allowed at column 4 (use only numbers, names and function calls)",
    ],
    [
      '1 + (x + 1).a.b',
      "property access '.a' is not allowed at column 12 (use only numbers, names and function calls)",
    ],
    ['x["a"]', 'indexing with [...] is not allowed at column 2 (use only numbers, names and function calls)'],
    ['x?.y', "property access '.y' is not allowed at column 2 (use only numbers, names and function calls)"],
    [
      'x.y(1)',
      "property access '.y' is not allowed at column 2 (use only numbers, names and function calls)",
    ],
    ['(1)(2)', 'only named functions can be called at column 2'],
    ['sin(1)(2)', 'only named functions can be called at column 1'],
  ])('%s', (src, message) => {
    expect(compileError(src).message).toBe(message);
  });
});

describe('everything outside the language', () => {
  it.each<[string, string]>([
    ['`a`', "syntax error: unexpected '`' at column 1 (strings are not allowed)"],
    ['"s"', 'strings are not allowed ("s") at column 1'],
    ["x + 's'", "strings are not allowed ('s') at column 5"],
    ['a = 1', "syntax error: unexpected '=' at column 3 (assignment is not allowed; compare with ==)"],
    ['x += 1', "syntax error: expected a value after '+' at column 4"],
    ['x++', "syntax error: expected a value after '+' at column 4"],
    ['[1,2]', 'lists are not allowed at column 1'],
    ['true', "'true' is not allowed at column 1 (only numbers: write 1 or 0)"],
    ['null', "'null' is not allowed at column 1 (only numbers: write 1 or 0)"],
    ['{a: 1}', "syntax error: unexpected '{' at column 1 (objects are not allowed)"],
    ['x => x', "syntax error: unexpected '=' at column 3 (assignment is not allowed; compare with ==)"],
    ['x | 1', 'operator \'|\' is not allowed at column 3 (use || for "or")'],
    ['x & 1', 'operator \'&\' is not allowed at column 3 (use && for "and")'],
    ['x ^ 2', "operator '^' is not allowed at column 3 (use ** for powers)"],
    ['x === 1', "operator '===' is not allowed at column 3 (use ==)"],
    ['x !== 1', "operator '!==' is not allowed at column 3 (use !=)"],
    ['x >> 1', "operator '>>' is not allowed at column 3"],
    ['x ?? 1', "operator '??' is not allowed at column 3"],
    ['~x', "operator '~' is not allowed at column 1"],
    ['1e999', 'the number 1e999 is too large at column 1'],
  ])('%s', (src, message) => {
    expect(compileError(src).message).toBe(message);
  });
});

describe('names, functions and arity', () => {
  it.each<[string, string]>([
    ['2 * cpux', "unknown name 'cpux' at column 5 (did you mean 'cpu'?)"],
    ['PI', "unknown name 'PI' at column 1 (did you mean 'pi'?)"],
    ['x + houre', "unknown name 'houre' at column 5 (did you mean 'hour'?)"],
    ['quux', "unknown name 'quux' at column 1"],
    ['sine(1)', "unknown function 'sine' at column 1 (did you mean 'sin'?)"],
    ['sqrt', "'sqrt' is a function at column 1 (call it as sqrt(...))"],
    ['1 + max', "'max' is a function at column 5 (call it as max(...))"],
    ['x(1)', "'x' is not a function at column 1"],
    ['pi(1)', "'pi' is not a function at column 1"],
    ['t()', "'t' is not a function at column 1"],
    ['sqrt(1, 2)', 'sqrt() takes 1 argument, got 2 at column 1'],
    ['1 + clamp(1)', 'clamp() takes 3 arguments, got 1 at column 5'],
    ['min()', 'min() takes at least 1 argument, got 0 at column 1'],
    ['round()', 'round() takes 1 to 2 arguments, got 0 at column 1'],
    ['log(1, 2, 3)', 'log() takes 1 to 2 arguments, got 3 at column 1'],
    ['pow(2)', 'pow() takes 2 arguments, got 1 at column 1'],
    ['hour()', 'hour() takes 1 argument, got 0 at column 1'],
    ['weekday(1, 2)', 'weekday() takes 1 argument, got 2 at column 1'],
  ])('%s', (src, message) => {
    expect(compileError(src).message).toBe(message);
  });

  it('checks the arity of caller functions', () => {
    const gauss: ExprFunction = { ...recorder('gauss').fn, minArgs: 2, maxArgs: 2 };
    expect(() => compileExpr('x + gauss(1)', { variables: ['x'], functions: [gauss] })).toThrow(
      new ExprError('gauss() takes 2 arguments, got 1 at column 5'),
    );
  });

  it.each<[string[], ExprFunction[], string]>([
    [['t'], [], "variable 't' would hide the built-in name 't'"],
    [['hour'], [], "variable 'hour' would hide the built-in name 'hour'"],
    [['pi'], [], "variable 'pi' would hide the built-in constant 'pi'"],
    [['sin'], [], "variable 'sin' would hide the built-in function 'sin'"],
    [[], [recorder('max').fn], "function 'max' would hide the built-in function 'max'"],
    [[], [recorder('e').fn], "function 'e' would hide the built-in constant 'e'"],
    [['draw'], [recorder('draw').fn], "variable 'draw' would hide the function"],
    [[], [recorder('draw').fn, recorder('draw').fn], "function 'draw' is given twice"],
  ])('options %p %#', (variables, functions, message) => {
    expect(() => compileExpr('1', { variables, functions })).toThrow(new ExprError(message));
  });
});

describe('syntax', () => {
  it.each<[string, string]>([
    ['', 'the expression is empty'],
    ['   ', 'the expression is empty'],
    ['()', 'empty parentheses at column 1'],
    ['1 + * 2', "syntax error: expected a value after '+' at column 5"],
    ['1 +', "syntax error: expected a value after '+' at column 4"],
    ['-', "syntax error: expected a value after '-' at column 2"],
    ['(1 + 2', "syntax error: unclosed '(' at column 7"],
    ['1 + 2)', "syntax error: unexpected ')' at column 6"],
    ['max(1, 2', "syntax error: expected ')' at column 9"],
    ['max(1,,2)', "syntax error: unexpected ',' at column 7"],
    ['max(1, 2,)', "syntax error: unexpected ')' at column 10"],
    ['x ? 1', "syntax error: expected ':' at column 6"],
    ['x ? : 1', 'syntax error: expected a value at column 5'],
    ['2x', "syntax error: a number cannot run into a name ('2x') at column 2 (write 2 * x, not 2x)"],
    ['1e', "syntax error: malformed number '1e' at column 3 (expected digits after the exponent)"],
    ['1.2.3', "syntax error: unexpected '.' at column 4"],
    ['2 *** 3', "syntax error: expected a value after '**' at column 5"],
    ['x #', "syntax error: unexpected '#' at column 3"],
  ])('%s', (src, message) => {
    expect(compileError(src).message).toBe(message);
  });

  it.each<[string, string]>([
    ['1 2', "unexpected '2' after a complete expression at column 3 (write a single expression)"],
    ['x cpu', "unexpected 'c' after a complete expression at column 3 (write a single expression)"],
    ['1, 2', "unexpected ',' after a complete expression at column 2 (write a single expression)"],
    ['(1, 2)', "unexpected ',' after a complete expression at column 3 (write a single expression)"],
    ['x * 2;', "unexpected ';' at column 6 (write a single expression)"],
    [';x', "unexpected ';' at column 1 (write a single expression)"],
    ['x,', "unexpected ',' at column 2 (write a single expression)"],
    ['(x,) + 1', "unexpected ',' at column 3 (write a single expression)"],
    ['max((1,), 2)', "unexpected ',' at column 7 (write a single expression)"],
    ['max(1 2)', "expected ',' between arguments at column 7"],
  ])('trailing or extra text: %s', (src, message) => {
    expect(compileError(src).message).toBe(message);
  });

  it.each<[string, string]>([
    [
      '1 < x < 3',
      'chained comparisons are not supported at column 7 (write a < b && b < c, or add parentheses)',
    ],
    [
      'x == cpu == 1',
      'chained comparisons are not supported at column 10 (write a < b && b < c, or add parentheses)',
    ],
    [
      'x == cpu < 1',
      'chained comparisons are not supported at column 3 (write a < b && b < c, or add parentheses)',
    ],
  ])('Python would chain %s: rejected rather than read differently', (src, message) => {
    expect(compileError(src).message).toBe(message);
  });

  it('errors carry the column as a number', () => {
    const err = compileError('1 + (x * foo)');
    expect(err).toBeInstanceOf(ExprError);
    expect(err.name).toBe('ExprError');
    expect(err.column).toBe(10);
  });

  it('deep nesting is an error, not a stack overflow', () => {
    expect(compileError(`${'('.repeat(5000)}1${')'.repeat(5000)}`).message).toBe(
      'the expression is nested too deeply',
    );
    expect(compileError(`${'-'.repeat(5000)}1`).message).toBe('the expression is nested too deeply');
    expect(compileError(Array(2000).fill('x').join(' + ')).message).toBe(
      'the expression is nested too deeply',
    );
    expect(compileExpr(Array(300).fill('x').join(' + '), { variables: ['x'] }).variablesUsed).toEqual(['x']);
  });
});
