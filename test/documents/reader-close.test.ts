/**
 * Closing the document reader when nothing else keeps the process running (a command that reads
 * one document and ends, or a shutdown after the database is closed): the reading thread does not
 * hold the process open while it reads nothing, so close() must hold it until the thread is gone,
 * or the process ends with close() never settled and whatever follows it never run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const href = (p: string) => JSON.stringify(pathToFileURL(path.join(root, p)).href);

const SCRIPT = `
import { DocumentReader } from ${href('src/documents/read-document.ts')};
import { newPdf, pdfBytes } from ${href('src/documents/pdf.ts')};
const doc = newPdf({ title: 'one page' });
doc.text('SEARCH AND SEIZURE WARRANT. Case number 3:26-mj-01039.');
const reader = new DocumentReader({ ocr: false });
const read = await reader.read(await pdfBytes(doc), 'application/pdf');
console.log('read', read.pages.length);
await reader.close();
console.log('closed');
`;

test('close() settles, and what follows it runs, in a process with nothing else to do', async () => {
  const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '--eval', SCRIPT],
      { cwd: root, timeout: 120_000 },
      (e, stdout) => resolve({ code: e ? ((e as { code?: number }).code ?? null) : 0, stdout }),
    );
  });
  assert.equal(stdout, 'read 1\nclosed\n');
  assert.equal(code, 0);
});
