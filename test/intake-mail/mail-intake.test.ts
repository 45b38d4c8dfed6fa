/**
 * Demands by e-mail, through Writ's real SMTP listener, with DNS answered by a zone the test owns:
 * a DKIM-signed warrant from a verified agency domain becomes a correct draft, is acknowledged,
 * and once confirmed is a demand received when the message was; a spoofed emergency is held for
 * verification with its reason; the same message twice is one draft; and every bad input leaves
 * a clear reason on the draft with the raw message kept.
 */
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import PDFDocument from 'pdfkit';
import { newPdf, pdfBytes } from '../../src/documents/pdf.ts';
import { buildApp } from '../../src/http/app.ts';
import { startMailListener, type MailListener } from '../../src/intake-mail/smtp-listener.ts';
import { startNotifier, type Notifier } from '../../src/notify/start-notifier.ts';
import type { WorkflowContext } from '../../src/workflow/context.ts';
import { intakeDemand } from '../../src/workflow/intake-demand.ts';
import { testContext, testClock } from '../support/context.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { seedDirectory, STAFF, warrantInput, type Directory } from '../support/factories.ts';
import { tokenFor } from '../support/http-kit.ts';
import { compose, dnsZone, publishDomain, sendRaw, sign, type SendingDomain } from '../support/mail-kit.ts';
import { notifyConfig } from '../notify/support/notify-kit.ts';
import { SmtpSink } from '../notify/support/smtp-sink.ts';
import { eventually } from '../notify/support/spawn-worker.ts';

let t: TestDb;
let ctx: WorkflowContext;
let dir: Directory;
let app: FastifyInstance;
let base: string;
let listener: MailListener;
let notifier: Notifier;
let agencyDomain: SendingDomain;
let staff: { authorization: string };
const zone = dnsZone();
const sink = new SmtpSink();
const clock = testClock('2026-11-02T09:00:00Z');

before(async () => {
  t = await createTestDb();
  ctx = testContext(t.db, clock, { maxDocumentBytes: 20 * 1024 * 1024 });
  dir = await seedDirectory(ctx);
  agencyDomain = publishDomain(zone, 'springfield-pd.example');
  publishDomain(zone, 'gmail.com');
  await sink.start();
  app = await buildApp({ ctx, logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  listener = await startMailListener({
    ctx,
    port: 0,
    host: '127.0.0.1',
    maxMessageBytes: 80 * 1024 * 1024,
    resolver: zone.resolver,
  });
  notifier = startNotifier({ ctx, config: notifyConfig(sink.url, { pollMs: 20 }) });
  staff = (await tokenFor(t.db, { roles: ['intake', 'reviewer', 'administrator'] })).auth;
});
after(async () => {
  await listener.close();
  await notifier.stop();
  await app.close();
  await sink.stop();
  await t.drop();
});

async function api(method: string, path: string, body?: object) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...staff, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function warrantPdf(o: { target: string; emergency?: boolean }): Promise<Buffer> {
  const doc = newPdf({ title: 'warrant' });
  if (o.emergency) {
    doc.fontSize(14).text('EMERGENCY DISCLOSURE REQUEST', { align: 'center' });
    doc.fontSize(10).text('Agency: Springfield Police Department');
    doc.text('Case No.: EDR-2026-7781');
    doc.text('Date: 11/01/2026');
    doc.text(`Account identifier: ${o.target}`);
    doc.text('Nature of the emergency: A missing 12-year-old wrote from this account that she is held in a car.');
    doc.text('Requesting officer: Sam Stone');
    doc.text('E-mail: sam.stone@springfield-pd.example');
    doc.text('Phone: (217) 555-0100');
    doc.text('Signature: /s/ Sam Stone');
  } else {
    doc.fontSize(14).text('IN THE CIRCUIT COURT OF SANGAMON COUNTY', { align: 'center' });
    doc.fontSize(13).text('SEARCH AND SEIZURE WARRANT', { align: 'center' });
    doc.fontSize(10).text('Case No.: 2026-CR-0042');
    doc.text(
      `The provider shall disclose the contents of all e-mails of the account ${o.target}, for the period from January 1, 2026 to October 31, 2026.`,
    );
    doc.text('Execute this warrant on or before November 14, 2026.');
    doc.text('Date and time issued: November 1, 2026 at 15:00');
    doc.text('Signature: /s/ Hon. Judith Reyes');
    doc.text('Requesting officer: Sam Stone');
    doc.text('E-mail: sam.stone@springfield-pd.example');
    doc.text('Phone: (217) 555-0100');
  }
  return pdfBytes(doc);
}

const pdfAttachment = (content: Buffer, filename = 'warrant.pdf') => ({
  filename,
  content,
  contentType: 'application/pdf',
});

/** Send, then wait until the draft is read; returns the draft as the API gives it. */
async function deliver(raw: Buffer, from = 'sam.stone@springfield-pd.example') {
  const answer = await sendRaw(listener.port, raw, { from, to: ['legal-process@provider.example'] });
  assert.match(answer, /^250/);
  const list = async () =>
    (await api('GET', '/api/v1/drafts?state=all&limit=200')).body.items as {
      id: string;
      subject: string;
      state: string;
    }[];
  const subject = /^Subject: (.*)$/m.exec(raw.toString('latin1'))![1]!.trim();
  let id = '';
  await eventually(
    async () => {
      const d = (await list()).find((x) => x.subject === subject);
      if (!d || d.state === 'reading') return false;
      id = d.id;
      return true;
    },
    120_000,
    `the draft of "${subject}"`,
  );
  return (await api('GET', `/api/v1/drafts/${id}`)).body;
}

test('a DKIM-signed warrant from a verified agency becomes a correct draft, acknowledged, then a demand', async () => {
  const raw = await sign(
    await compose({
      from: 'Sam Stone <sam.stone@springfield-pd.example>',
      subject: 'Search warrant 2026-CR-0042',
      text: 'Please find the warrant attached.',
      messageId: '<warrant-0042@springfield-pd.example>',
      attachments: [pdfAttachment(await warrantPdf({ target: 'dana@writmail.example' }))],
    }),
    agencyDomain,
  );
  const draft = await deliver(raw);
  assert.equal(draft.state, 'ready');
  assert.equal(draft.sender.verdict, 'verified_agency');
  assert.equal(draft.sender.agencyId, dir.usPolice);
  assert.equal(draft.sender.authentication.dmarc.result, 'pass');
  assert.equal(draft.fields.instrument.value, 'search_warrant');
  assert.equal(draft.fields.caseNumber.value, '2026-CR-0042');
  assert.equal(draft.fields.issuedAt.value, '2026-11-01');
  assert.equal(draft.fields.executeBy.value, '2026-11-14');
  assert.deepEqual(draft.fields.dataCategories.value, ['content']);
  assert.equal(draft.fields.requesterPhone.value, '+12175550100');
  assert.equal(draft.fields.identifiers.length, 1);
  assert.equal(draft.fields.identifiers[0].value.value, 'dana@writmail.example');
  assert.equal(draft.fields.identifiers[0].match.customerId, dir.consumer);
  // Evidence points into the page text and carries boxes for the viewer to highlight.
  const ev = draft.fields.caseNumber.evidence[0];
  assert.equal(draft.pages[ev.page - 1].text.slice(ev.start, ev.end), '2026-CR-0042');
  assert.ok(ev.boxes.length >= 1 && ev.boxes[0].w > 0);
  assert.deepEqual(draft.suggested.targets, [{ kind: 'email', value: 'dana@writmail.example' }]);

  // "We received your message", at once, with no reference.
  await eventually(
    () => sink.messages.some((m) => m.subject.startsWith('Received: Search warrant')),
    30_000,
    'the acknowledgement',
  );
  const ack = sink.messages.find((m) => m.subject.startsWith('Received:'))!;
  assert.deepEqual(ack.to, ['sam.stone@springfield-pd.example']);
  assert.doesNotMatch(ack.text, /WR-\d/);

  clock.advance(3_600_000);
  const s = draft.suggested;
  const confirmed = await api('POST', `/api/v1/drafts/${draft.id}/confirm`, {
    demand: {
      ...s,
      jurisdiction: 'US',
      jurisdictionSubdivision: 'US-IL',
      issuingCourt: 'Circuit Court of Sangamon County',
      dateRange: { from: '2026-01-01T00:00:00.000Z', to: '2026-10-31T00:00:00.000Z' },
    },
  });
  assert.equal(confirmed.status, 201, JSON.stringify(confirmed.body));
  const demand = (await api('GET', `/api/v1/demands/${confirmed.body.reference}`)).body;
  assert.equal(demand.channel, 'email');
  assert.equal(demand.receivedAt, '2026-11-02T09:00:00.000Z', 'received when the message arrived, not when confirmed');
  assert.equal(demand.documents.length, 1);
  assert.equal((await api('GET', `/api/v1/drafts/${draft.id}`)).body.state, 'confirmed');
  await eventually(
    () => sink.messages.some((m) => m.subject.startsWith(`Registered as ${confirmed.body.reference}`)),
    30_000,
    'the reference',
  );
  // Confirming again makes no second demand.
  const again = await api('POST', `/api/v1/drafts/${draft.id}/confirm`, {
    demand: { ...s, jurisdiction: 'US', issuingCourt: 'Circuit Court of Sangamon County' },
  });
  assert.equal(again.body.reference, confirmed.body.reference);
});

test('the same message twice makes one draft', async () => {
  const raw = await sign(
    await compose({
      from: 'sam.stone@springfield-pd.example',
      subject: 'Sent twice',
      text: 'Preservation request under 18 U.S.C. 2703(f) for dana@writmail.example.',
      messageId: '<twice@springfield-pd.example>',
    }),
    agencyDomain,
  );
  await deliver(raw);
  await sendRaw(listener.port, raw, {
    from: 'sam.stone@springfield-pd.example',
    to: ['legal-process@provider.example'],
  });
  const n = await t.db
    .selectFrom('mail_messages')
    .where('message_id', '=', '<twice@springfield-pd.example>')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(Number(n.n), 1);
});

test('a spoofed emergency from an agency address is held for verification, with the reason', async () => {
  // The requester is known and verified (it used the portal before): a forged e-mail in its name
  // must not inherit that standing.
  await intakeDemand(ctx, { input: warrantInput(dir, { caseNumber: 'PORTAL-1' }), actor: STAFF });
  const raw = await compose({
    from: 'Sam Stone <sam.stone@springfield-pd.example>',
    subject: 'URGENT emergency disclosure',
    text: 'See the attached form. Life at risk.',
    attachments: [pdfAttachment(await warrantPdf({ target: 'dana@writmail.example', emergency: true }))],
  });
  const draft = await deliver(raw);
  assert.equal(draft.sender.verdict, 'not_authenticated');
  assert.match(draft.sender.reasons.join(' '), /DMARC fail/);
  assert.equal(draft.fields.instrument.value, 'emergency_request');
  assert.match(draft.fields.emergency.value, /missing 12-year-old/);
  assert.equal(
    sink.messages.filter((m) => m.subject.includes('URGENT emergency')).length,
    0,
    'no acknowledgement to an unauthenticated sender',
  );
  const r = await api('POST', `/api/v1/drafts/${draft.id}/confirm`, {
    demand: {
      ...draft.suggested,
      agencyId: dir.usPolice,
      jurisdiction: 'US',
      instrument: 'emergency_request',
      dataCategories: ['subscriber'],
    },
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.state, 'verifying_requester');
});

test('free mail is held as free mail', async () => {
  const gmail = publishDomain(zone, 'gmail.com');
  const raw = await sign(
    await compose({
      from: 'springfield.pd@gmail.com',
      subject: 'Warrant from a gmail address',
      text: 'Warrant attached',
      attachments: [pdfAttachment(await warrantPdf({ target: 'dana@writmail.example' }))],
    }),
    gmail,
  );
  const draft = await deliver(raw, 'springfield.pd@gmail.com');
  assert.equal(draft.sender.verdict, 'free_mail');
});

test('bad input: each leaves a clear reason on the draft and the raw message kept', async () => {
  const encrypted = await new Promise<Buffer>((resolve) => {
    const d = new PDFDocument({ userPassword: 'secret', ownerPassword: 'owner' });
    const chunks: Buffer[] = [];
    d.on('data', (c: Buffer) => chunks.push(c));
    d.on('end', () => resolve(Buffer.concat(chunks)));
    d.text('SEARCH WARRANT');
    d.end();
  });
  const malformed = Buffer.from('%PDF-1.7\nthis is not a PDF at all\n%%EOF\n');
  // 200 MB of zeros in one page's content stream, deflated to a few hundred kB.
  const bomb = Buffer.concat([
    Buffer.from(
      '%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>> endobj\n',
    ),
    Buffer.from('4 0 obj <</Length 0/Filter/FlateDecode>>\nstream\n'),
    deflateSync(Buffer.alloc(200 * 1024 * 1024), { level: 9 }),
    Buffer.from('\nendstream\nendobj\ntrailer <</Root 1 0 R>>\n%%EOF\n'),
  ]);
  const cases: { name: string; mail: Parameters<typeof compose>[0]; expect: RegExp }[] = [
    {
      name: 'encrypted',
      mail: {
        from: 'a@springfield-pd.example',
        subject: 'bad: encrypted',
        text: 'x',
        attachments: [pdfAttachment(encrypted)],
      },
      expect: /encrypted/,
    },
    {
      name: 'malformed',
      mail: {
        from: 'a@springfield-pd.example',
        subject: 'bad: malformed',
        text: 'x',
        attachments: [pdfAttachment(malformed)],
      },
      expect: /cannot be read/,
    },
    {
      name: 'bomb',
      mail: { from: 'a@springfield-pd.example', subject: 'bad: bomb', text: 'x', attachments: [pdfAttachment(bomb)] },
      expect: /decompression bomb/,
    },
    {
      name: 'no attachment',
      mail: {
        from: 'a@springfield-pd.example',
        subject: 'bad: no attachment',
        text: 'Please preserve the account dana@writmail.example under 18 U.S.C. 2703(f).',
      },
      expect: /no attachment/,
    },
    {
      name: 'html only',
      mail: {
        from: 'a@springfield-pd.example',
        subject: 'bad: html only',
        html: '<p>Preservation request for <b>dana@writmail.example</b></p>',
      },
      expect: /only an HTML body/,
    },
    {
      name: '1,000 parts',
      mail: {
        from: 'a@springfield-pd.example',
        subject: 'bad: a thousand parts',
        text: 'x',
        attachments: Array.from({ length: 1000 }, (_, i) => ({
          filename: `part-${i}.txt`,
          content: Buffer.from(`part ${i}`),
          contentType: 'text/plain',
        })),
      },
      expect: /1000 attachments; only the first 20/,
    },
    {
      name: '50 MB attachment',
      mail: {
        from: 'a@springfield-pd.example',
        subject: 'bad: fifty megabytes',
        text: 'x',
        attachments: [pdfAttachment(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(50 * 1024 * 1024, 0x20)]))],
      },
      expect: /50\.0 MB is larger than the 20 MB/,
    },
  ];
  for (const c of cases) {
    const raw = await compose(c.mail);
    const draft = await deliver(raw, 'a@springfield-pd.example');
    assert.match(draft.problems.join(' | '), c.expect, c.name);
    const kept = await fetch(`${base}/api/v1/drafts/${draft.id}/message`, { headers: staff });
    assert.equal(kept.status, 200, c.name);
    assert.equal(Buffer.from(await kept.arrayBuffer()).length, raw.length, `${c.name}: the raw message is kept whole`);
  }
});

test('a message over the size limit is refused at SMTP, nothing half kept', async () => {
  const small = await startMailListener({
    ctx,
    port: 0,
    host: '127.0.0.1',
    maxMessageBytes: 100_000,
    resolver: zone.resolver,
  });
  try {
    const raw = await compose({ from: 'a@springfield-pd.example', subject: 'too big', text: 'x'.repeat(200_000) });
    await assert.rejects(
      sendRaw(small.port, raw, { from: 'a@springfield-pd.example', to: ['lp@provider.example'] }),
      /552/,
    );
    const n = await t.db
      .selectFrom('mail_messages')
      .where('subject', '=', 'too big')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 0);
  } finally {
    await small.close();
  }
});

test('a document uploaded to pre-fill a form is read, stored nowhere; an officer learns nothing of who an identifier is', async () => {
  const pdf = await warrantPdf({ target: 'dana@writmail.example' });
  const upload = async (auth: { authorization: string }) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'warrant.pdf');
    const res = await fetch(`${base}/api/v1/documents/read`, { method: 'POST', headers: auth, body: form });
    return {
      status: res.status,
      body: (await res.json()) as { suggested: { targets: unknown[]; instrument: string; agencyId: string | null } },
    };
  };
  const before = await t.db
    .selectFrom('demand_drafts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const asStaff = await upload(staff);
  assert.equal(asStaff.status, 200);
  assert.equal(asStaff.body.suggested.instrument, 'search_warrant');
  assert.deepEqual(asStaff.body.suggested.targets, [{ kind: 'email', value: 'dana@writmail.example' }]);
  const officer = (await tokenFor(t.db, { officerOf: dir.usPolice })).auth;
  const asOfficer = await upload(officer);
  assert.equal(asOfficer.status, 200);
  assert.equal(asOfficer.body.suggested.agencyId, dir.usPolice);
  assert.deepEqual(asOfficer.body.suggested.targets, [{ kind: 'email', value: 'dana@writmail.example' }]);
  const malformed = new FormData();
  malformed.append('file', new Blob([Buffer.from('%PDF-1.7 not really')], { type: 'application/pdf' }), 'bad.pdf');
  const bad = await fetch(`${base}/api/v1/documents/read`, { method: 'POST', headers: staff, body: malformed });
  assert.equal(bad.status, 422);
  const after = await t.db
    .selectFrom('demand_drafts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(after.n, before.n, 'nothing stored');
});
