// The part of Node's `assert` the shared suites use, for the web worker bundle (no Node there).
// esbuild aliases `assert` to this file in the web test build only.
class AssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssertionError';
  }
}

function show(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function fail(message: string | Error | undefined, fallback: string): never {
  if (message instanceof Error) throw message;
  throw new AssertionError(message ?? fallback);
}

export function ok(value: unknown, message?: string | Error): asserts value {
  if (!value) fail(message, `expected a truthy value, got ${show(value)}`);
}

export function equal(actual: unknown, expected: unknown, message?: string | Error): void {
  if (!Object.is(actual, expected)) fail(message, `expected ${show(expected)}, got ${show(actual)}`);
}

export const strictEqual = equal;

export function notEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (Object.is(actual, expected)) fail(message, `expected something other than ${show(expected)}`);
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

export function deepEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (show(canonical(actual)) !== show(canonical(expected))) {
    fail(message, `expected ${show(expected)}, got ${show(actual)}`);
  }
}

export const deepStrictEqual = deepEqual;

export function match(actual: string, pattern: RegExp, message?: string | Error): void {
  if (!pattern.test(actual)) fail(message, `expected ${show(actual)} to match ${pattern}`);
}

export function doesNotMatch(actual: string, pattern: RegExp, message?: string | Error): void {
  if (pattern.test(actual)) fail(message, `expected ${show(actual)} not to match ${pattern}`);
}

export default { ok, equal, strictEqual, notEqual, deepEqual, deepStrictEqual, match, doesNotMatch };
