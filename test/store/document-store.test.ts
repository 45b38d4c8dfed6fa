/** Documents are sealed at rest (AES-256-GCM): unreadable on disk, refused when altered or moved. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileDocumentStore } from '../../src/store/document-store.ts';

const dir = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'writ-docs-')), 'documents');
const PDF = Buffer.from('%PDF-1.7\nsecret evidence about a customer\n%%EOF\n');

async function onDisk(root: string, sha: string) {
  return path.join(root, sha.slice(0, 2), sha);
}

test('stored bytes come back; on disk they are not the plaintext', async () => {
  const root = dir();
  const store = fileDocumentStore(root, randomBytes(32));
  const sha = await store.put(PDF);
  assert.deepEqual(await store.get(sha), PDF);
  const raw = await readFile(await onDisk(root, sha));
  assert.equal(raw.includes(Buffer.from('secret evidence')), false);
  assert.equal(await store.put(PDF), sha, 'same bytes, same name');
});

test('a flipped bit, another key, or a file moved under another name is refused', async () => {
  const root = dir();
  const key = randomBytes(32);
  const store = fileDocumentStore(root, key);
  const sha = await store.put(PDF);
  const file = await onDisk(root, sha);
  const raw = await readFile(file);
  raw[raw.length - 20]! ^= 0x01;
  await writeFile(file, raw);
  await assert.rejects(store.get(sha));

  const other = await fileDocumentStore(root, key).put(Buffer.from('%PDF-1.7\nanother\n'));
  const fake = 'f'.repeat(64);
  await mkdir(path.dirname(await onDisk(root, fake)), { recursive: true });
  await copyFile(await onDisk(root, other), await onDisk(root, fake));
  await assert.rejects(store.get(fake), 'bound to its name');

  const sha2 = await store.put(Buffer.from('%PDF-1.7\nthird\n'));
  await assert.rejects(fileDocumentStore(root, randomBytes(32)).get(sha2), 'another key cannot open it');
  assert.ok((await readdir(root)).length > 0);
});
