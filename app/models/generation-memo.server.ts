// Values the coverage pages derive from the database (reference lists, built
// matrices, gap lists), kept per database handle and reused only while
// coverage_meta.generation is unchanged. Triggers move the generation on every
// write that can change what these pages show (drizzle/0004, 0005, 0012),
// whichever process or connection writes, so a reused value is never stale.
// See docs/decisions/007-coverage-page-cache.md.
import { type Executor } from "#db/client.server";
import { coverageGeneration } from "./coverage.server";

type Entry = { generation: number; value: Promise<unknown> };

const memos = new WeakMap<Executor, Map<string, Entry>>();
const LIMIT = 128;

/**
 * `compute()` once per key and generation. The generation is read before
 * computing, so a value is never older than the generation it is kept under.
 * Concurrent callers share one computation; a failed one is not kept.
 * Callers must treat the value as read-only: later requests get the same object.
 */
export async function byGeneration<T>(db: Executor, key: string, compute: () => Promise<T>): Promise<T> {
  const generation = await coverageGeneration(db);
  let memo = memos.get(db);
  if (!memo) memos.set(db, (memo = new Map()));
  const hit = memo.get(key);
  if (hit && hit.generation === generation) {
    memo.delete(key); // most recently used last
    memo.set(key, hit);
    return hit.value as Promise<T>;
  }
  const value = compute();
  const entry = { generation, value };
  memo.set(key, entry);
  value.catch(() => {
    if (memo.get(key) === entry) memo.delete(key);
  });
  if (memo.size > LIMIT) memo.delete(memo.keys().next().value!);
  return value;
}
