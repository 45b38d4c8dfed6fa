/**
 * The small parts of delivery on their own: the template syntax, the letter PDF, the address
 * guard, Standard Webhooks signing against the specification's published example, backoff, the
 * Message-ID, reminder timing and the challenge grounds.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { challengeGrounds } from '../../src/domain/challenge-grounds.ts';
import type { Demand } from '../../src/domain/demand.ts';
import { loadConfig, DEFAULT_TEMPLATE_DIR, ConfigError } from '../../src/config/env.ts';
import { isNonPublicAddress } from '../../src/notify/address-guard.ts';
import { backoffDelay } from '../../src/notify/backoff.ts';
import { messageIdFor } from '../../src/notify/mailer.ts';
import { letterParagraphs, letterPdf } from '../../src/notify/letter-pdf.ts';
import { compileTemplate, TemplateError } from '../../src/notify/template.ts';
import { loadTemplates, TEMPLATE_NAMES } from '../../src/notify/templates.ts';
import { signWebhook } from '../../src/notify/webhook-signature.ts';
import { deadlineReminderJobs, preservationReminderJobs } from '../../src/workflow/support/reminder-jobs.ts';
import { pdfPages, pdfText } from '../support/pdf-text.ts';
import { verifyStandardWebhook } from './support/webhook-receiver.ts';

describe('template syntax', () => {
  test('values, nested fields, lists, conditions, inverted sections, comments', () => {
    const t = compileTemplate(
      'Hi {{name}} ({{org.country}}){{! note }}\n{{#items}}\n- {{kind}}: {{value}}\n{{/items}}\n{{#deadline}}Due {{deadline}}.{{/deadline}}{{^deadline}}No deadline.{{/deadline}}\n{{#tags}}[{{.}}]{{/tags}}',
      't',
    );
    const out = t.render({
      name: 'Ann',
      org: { country: 'US' },
      items: [
        { kind: 'email', value: 'a@x.example' },
        { kind: 'phone', value: '+1' },
      ],
      deadline: null,
      tags: ['a', 'b'],
    });
    assert.equal(out, 'Hi Ann (US)\n- email: a@x.example\n- phone: +1\nNo deadline.\n[a][b]');
    assert.equal(
      t.render({ name: 'B', org: { country: 'DE' }, items: [], deadline: '2027-01-01', tags: [] }),
      'Hi B (DE)\nDue 2027-01-01.\n',
    );
  });

  test('HTML templates escape values; text templates do not', () => {
    assert.equal(
      compileTemplate('<p>{{x}}</p>', 'h', true).render({ x: '<b>&"\'' }),
      '<p>&lt;b&gt;&amp;&quot;&#39;</p>',
    );
    assert.equal(compileTemplate('{{x}}', 't').render({ x: '<b>' }), '<b>');
  });

  test('a name the data lacks is an error, as is a broken section', () => {
    assert.throws(() => compileTemplate('{{missing}}', 't').render({}), TemplateError);
    // A name that ends a sentence with its own full stop gets no second one.
    const sentence = compileTemplate('Data of {{name}}. Then {{name}}{{#x}}.{{/x}} and {{n}}.', 't');
    assert.equal(
      sentence.render({ name: 'Aldergrove Logistics Inc.', x: true, n: 'v1.2' }),
      'Data of Aldergrove Logistics Inc. Then Aldergrove Logistics Inc. and v1.2.',
    );
    assert.equal(sentence.render({ name: 'Acme', x: true, n: '3' }), 'Data of Acme. Then Acme. and 3.');
    assert.equal(compileTemplate('<b>{{name}}</b>. Next', 'h', true).render({ name: 'Inc.' }), '<b>Inc.</b> Next');
    assert.throws(() => compileTemplate('{{a.b}}', 't').render({ a: {} }), /no "a.b"/);
    assert.throws(() => compileTemplate('{{#a}}x', 't'), /never closed/);
    assert.throws(() => compileTemplate('{{#a}}x{{/b}}', 't'), /closes/);
    assert.throws(() => compileTemplate('{{a b}}', 't'), /not a placeholder/);
    assert.throws(() => compileTemplate('{{list}}', 't').render({ list: [1] }), /use \{\{#list\}\}/);
  });

  test('the shipped templates load; a broken one in an operator folder is named at start', async () => {
    const templates = loadTemplates(DEFAULT_TEMPLATE_DIR);
    assert.equal(TEMPLATE_NAMES.length, 13);
    assert.ok(TEMPLATE_NAMES.includes('clarification-request'));
    assert.ok(TEMPLATE_NAMES.includes('mail-received') && TEMPLATE_NAMES.includes('mail-registered'));
    const follow = templates.render('follow-up-due', {
      reference: 'WR-2',
      instrument: 'Emergency request',
      agencyName: 'PD',
      due: '1 Dec 2026',
    });
    assert.equal(follow.subject, 'Follow-up legal process due: WR-2');
    const staff = templates.render('staff-alert', {
      reference: 'WR-1',
      jobId: '9',
      kind: 'notice.deliver',
      attempts: 3,
      error: 'boom',
    });
    assert.equal(staff.subject, 'Writ could not deliver: notice.deliver for WR-1');
    const { mkdtempSync, cpSync, writeFileSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'writ-tpl-'));
    cpSync(DEFAULT_TEMPLATE_DIR, dir, { recursive: true });
    writeFileSync(path.join(dir, 'notice.txt'), 'Subject: x\n\n{{#accounts}}unclosed');
    assert.throws(() => loadTemplates(dir), /notice\.txt: \{\{#accounts\}\} is never closed/);
  });
});

describe('letter PDF', () => {
  const date = new Date('2026-12-02T00:00:00Z');
  const letter = (text: string) =>
    letterPdf({ title: 'Your request R-1: please direct it to our customer', text, date });

  test('hand-broken lines are joined into paragraphs; salutations, list items and blank lines stay', () => {
    assert.deepEqual(
      letterParagraphs(
        'Dear Ms Nowak,\n\nThe data your request seeks belongs\nto a customer.\n  - you withdraw;\n  - you maintain that\n    we must answer.\n\n',
      ),
      [
        { indent: 0, text: 'Dear Ms Nowak,' },
        null,
        { indent: 0, text: 'The data your request seeks belongs to a customer.' },
        { indent: 2, text: '- you withdraw;' },
        { indent: 2, text: '- you maintain that we must answer.' },
      ],
    );
  });

  test('any script prints as written, in a proportional font; long letters run onto numbered pages', async () => {
    const names = 'Komenda Wojewódzka Policji w Łodzi; Ελληνική Αστυνομία; Следственный комитет';
    const text = await pdfText(await letter(`Dear Zażółć Gęślą,\n\nCustomer: ${names}\n`));
    assert.match(text, /^Your request R-1: please direct it to our customer\n/);
    for (const name of [
      'Dear Zażółć Gęślą,',
      'Komenda Wojewódzka Policji w Łodzi',
      'Ελληνική Αστυνομία',
      'Следственный комитет',
    ])
      assert.ok(text.replace(/\s+/g, ' ').includes(name), `"${name}" is in the PDF`);
    assert.ok(!text.includes('?'), 'no character is replaced');
    assert.ok(text.includes('Page 1 of 1'));
    const pages = await pdfPages(
      await letter(Array.from({ length: 120 }, (_, i) => `Paragraph ${i + 1}.`).join('\n\n')),
    );
    assert.ok(pages.length >= 3, `${pages.length} pages`);
    assert.ok(pages.at(-1)!.includes(`Page ${pages.length} of ${pages.length}`));
    const pdf = (await letter('x')).toString('latin1');
    assert.ok(pdf.includes('/FontFile2'), 'the font is embedded');
    assert.ok(!/\/BaseFont \/(Helvetica|Courier)/.test(pdf), 'no standard font');
  });

  test('the same letter on the same day gives the same bytes', async () => {
    assert.deepEqual(await letter('Dear Sir,\n\nText.'), await letter('Dear Sir,\n\nText.'));
  });
});

describe('webhook addresses and signatures', () => {
  test('private, loopback, link-local and reserved addresses are not public; IPv4 and IPv6, mapped forms too', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fe80::1',
      'fc00::1',
      'fd12:3456::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:10.0.0.1',
      '64:ff9b::a9fe:a9fe',
      '2002:c0a8:0101::1',
      'not-an-address',
    ]) {
      assert.equal(isNonPublicAddress(a), true, a);
    }
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8'])
      assert.equal(isNonPublicAddress(a), false, a);
  });

  test('every IPv6 form of a non-public address is refused: compatible, translated, Teredo, NAT64, 6to4', () => {
    for (const a of [
      '[::127.0.0.1]',
      '::7f00:1',
      '[::ffff:0:127.0.0.1]',
      '::ffff:0:7f00:1',
      '[2001::7f00:1]',
      '2001:0:4136:e378:8000:63bf:3fff:fdd2',
      '2001:2::1',
      '0:0:0:0:0:FFFF:7F00:0001',
      '::FFFF:127.0.0.1',
      '[::ffff:169.254.169.254]',
      '64:ff9b::127.0.0.1',
      '64:ff9b:1::8.8.8.8',
      '2002:7f00:1::1',
      '2002:a9fe:a9fe::',
      '::10.0.0.1',
      '::8.8.8.8',
      '::2',
      '3fff::1',
      '5f00::1',
      'fe80::1%eth0',
      '[fd00::1]',
    ])
      assert.equal(isNonPublicAddress(a), true, a);
    for (const a of [
      '[2606:4700::1111]',
      '2a00:1450:4001:80b::200e',
      '64:ff9b::808:808',
      '2002:808:808::1',
      '::ffff:0:8.8.8.8',
    ])
      assert.equal(isNonPublicAddress(a), false, a);
  });

  test('signing matches the Standard Webhooks specification example, and the receiver-side check', () => {
    const h = signWebhook(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      1614265330,
      '{"test": 2432232314}',
    );
    assert.equal(h['webhook-signature'], 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    assert.equal(
      verifyStandardWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', h, '{"test": 2432232314}', 1614265330),
      true,
    );
    assert.equal(
      verifyStandardWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', h, '{"test": 2432232315}', 1614265330),
      false,
      'a changed body fails',
    );
  });
});

describe('retry timing and identity', () => {
  test('backoff grows exponentially, with jitter between half and all of the delay, up to the cap', () => {
    const p = { baseMs: 1000, maxMs: 60_000 };
    assert.equal(
      backoffDelay(p, 1, () => 0),
      500,
    );
    assert.equal(
      backoffDelay(p, 1, () => 1),
      1000,
    );
    assert.equal(
      backoffDelay(p, 4, () => 0),
      4000,
    );
    assert.equal(
      backoffDelay(p, 4, () => 1),
      8000,
    );
    assert.equal(
      backoffDelay(p, 30, () => 1),
      60_000,
    );
    for (let i = 0; i < 100; i++) {
      const d = backoffDelay(p, 3);
      assert.ok(d >= 2000 && d <= 4000);
    }
  });

  test('a Message-ID is stable for the same key and part, distinct across them, and valid', () => {
    const a = messageIdFor('notice:0b9e2c1e-8d7a-4a55-9d0f-0c4f8f6a1b2c', 'contact-1', 'provider.example');
    assert.equal(a, messageIdFor('notice:0b9e2c1e-8d7a-4a55-9d0f-0c4f8f6a1b2c', 'contact-1', 'provider.example'));
    assert.notEqual(a, messageIdFor('notice:0b9e2c1e-8d7a-4a55-9d0f-0c4f8f6a1b2c', 'contact-2', 'provider.example'));
    assert.match(a, /^<[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.]+@provider\.example>$/);
  });
});

describe('reminders and grounds', () => {
  const now = new Date('2027-03-01T09:00:00Z');
  const H = 3_600_000;

  test('deadline reminders at each lead time still ahead; past ones collapse into one now', () => {
    const far = deadlineReminderJobs('d1', new Date(now.getTime() + 100 * H).toISOString(), now, [72, 24]);
    assert.deepEqual(
      far.map((j) => [j.idempotencyKey.split(':').pop(), j.runAt!.getTime() - now.getTime()]),
      [
        ['72h', 28 * H],
        ['24h', 76 * H],
      ],
    );
    const near = deadlineReminderJobs('d1', new Date(now.getTime() + 30 * H).toISOString(), now, [72, 24]);
    assert.deepEqual(
      near.map((j) => j.idempotencyKey.split(':').pop()),
      ['24h', 'now'],
    );
    assert.equal(deadlineReminderJobs('d1', new Date(now.getTime() + 5 * H).toISOString(), now, [72, 24]).length, 1);
    assert.deepEqual(
      deadlineReminderJobs('d1', new Date(now.getTime() - H).toISOString(), now, [72, 24]),
      [],
      'a passed deadline gets none',
    );
    assert.deepEqual(deadlineReminderJobs('d1', null, now, [72, 24]), []);
    assert.equal(
      preservationReminderJobs('d1', new Date(now.getTime() + 90 * 24 * H).toISOString(), now, 7)[0]!.runAt!.getTime(),
      now.getTime() + 83 * 24 * H,
    );
    assert.deepEqual(preservationReminderJobs('d1', new Date(now.getTime() + 3 * 24 * H).toISOString(), now, 7), []);
    assert.deepEqual(preservationReminderJobs('d1', new Date(now.getTime() + 90 * 24 * H).toISOString(), now, 0), []);
  });

  test('challenge grounds follow the order and the customers', () => {
    const d = (order: Partial<NonNullable<Demand['secrecyOrder']>>, customer = 'c1') =>
      ({
        secrecyOrder: {
          legalBasis: 'x',
          issuedAt: '2027-01-01T00:00:00Z',
          expiresAt: null,
          individualizedFindings: false,
          ...order,
        },
        targets: [{ customerId: customer }],
      }) as Demand;
    const kinds = new Map([
      ['c1', 'enterprise' as const],
      ['c2', 'consumer' as const],
    ]);
    assert.deepEqual(
      challengeGrounds(d({}), kinds).map((g) => g.code),
      ['no_end_date', 'no_individualised_findings', 'enterprise_could_be_asked'],
    );
    assert.deepEqual(
      challengeGrounds(d({ expiresAt: '2028-06-01T00:00:00Z', individualizedFindings: true }, 'c2'), kinds).map(
        (g) => g.code,
      ),
      ['longer_than_a_year'],
    );
    assert.deepEqual(
      challengeGrounds(d({ expiresAt: '2027-02-01T00:00:00Z', individualizedFindings: true }, 'c2'), kinds),
      [],
    );
    assert.deepEqual(challengeGrounds({ secrecyOrder: null, targets: [] } as unknown as Demand, kinds), []);
  });
});

describe('configuration', () => {
  test('delivery settings have defaults and are validated with the rest', () => {
    const c = loadConfig({}).notify;
    assert.equal(c.smtpUrl, null);
    assert.deepEqual(c.reminderLeadHours, [72, 24]);
    assert.equal(c.webhookAllowPrivate, false);
    assert.equal(c.templateDir, DEFAULT_TEMPLATE_DIR);
    const d = loadConfig({
      WRIT_SMTP_URL: 'smtps://u:p@mail.example:465',
      WRIT_REMINDER_LEAD_HOURS: '24, 168,48',
      WRIT_WEBHOOK_ALLOW_PRIVATE: 'true',
    }).notify;
    assert.deepEqual(d.reminderLeadHours, [168, 48, 24]);
    assert.equal(d.webhookAllowPrivate, true);
    try {
      loadConfig({
        WRIT_SMTP_URL: 'http://x',
        WRIT_MAIL_FROM: 'nobody',
        WRIT_REMINDER_LEAD_HOURS: '72,soon',
        WRIT_WEBHOOK_ALLOW_PRIVATE: 'yes',
        WRIT_OUTBOX_MAX_ATTEMPTS: '0',
      });
      assert.fail('expected ConfigError');
    } catch (e) {
      assert.ok(e instanceof ConfigError);
      for (const name of [
        'WRIT_SMTP_URL',
        'WRIT_MAIL_FROM',
        'WRIT_REMINDER_LEAD_HOURS',
        'WRIT_WEBHOOK_ALLOW_PRIVATE',
        'WRIT_OUTBOX_MAX_ATTEMPTS',
      ])
        assert.ok(e.message.includes(name), name);
    }
  });
});
