/** Configuration is validated once, with every problem named. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/env.ts';

test('defaults', () => {
  const c = loadConfig({});
  assert.equal(c.port, 8080);
  assert.equal(c.host, '127.0.0.1');
  assert.equal(c.databaseUrl, null);
  assert.equal(c.dataDir, path.resolve('./data'));
});

test('DATABASE_URL selects an external server', () => {
  assert.equal(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/writ' }).databaseUrl, 'postgres://u@db:5432/writ');
});

test('every problem is reported at once', () => {
  try {
    loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', WRIT_DEMO: 'maybe' });
    assert.fail('expected ConfigError');
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    assert.equal(e.problems.length, 4);
    for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'WRIT_DEMO']) assert.ok(e.message.includes(name), name);
  }
});

test('a port out of range is refused', () => {
  assert.throws(() => loadConfig({ PORT: '70000' }), /PORT must be a whole number from 0 to 65535/);
});
