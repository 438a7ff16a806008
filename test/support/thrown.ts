import assert from 'node:assert/strict';

/** The error a function throws (or rejects with); fails when it does not throw. */
export async function thrownBy(run: () => unknown): Promise<Error> {
  try {
    await run();
  } catch (error) {
    assert.ok(error instanceof Error, `threw a non-Error: ${String(error)}`);
    return error;
  }
  assert.fail('expected it to throw');
}
