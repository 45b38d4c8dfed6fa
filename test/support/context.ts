/** A workflow context for tests: a real database, a clock the test moves, a temporary document store. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../src/store/database.ts';
import { fileDocumentStore } from '../../src/store/document-store.ts';
import type { WorkflowContext } from '../../src/workflow/context.ts';
import { decideWithPolicy } from '../../src/workflow/decide-with-policy.ts';

export interface TestClock {
  now(): Date;
  set(t: Date | string): void;
  advance(ms: number): void;
}

export function testClock(start: Date | string = '2026-11-02T09:00:00Z'): TestClock {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (v) => (t = new Date(v).getTime()),
    advance: (ms) => (t += ms),
  };
}

export function testContext(
  db: Db,
  clock: TestClock = testClock(),
  overrides: Partial<WorkflowContext> = {},
): WorkflowContext {
  return {
    db,
    now: clock.now,
    documents: fileDocumentStore(path.join(mkdtempSync(path.join(os.tmpdir(), 'writ-docs-')), 'documents')),
    decide: decideWithPolicy(),
    maxDocumentBytes: 1024 * 1024,
    ...overrides,
  };
}
