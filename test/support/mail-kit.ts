/**
 * Mail for the intake tests: messages composed as a mail client would (nodemailer's composer),
 * DKIM-signed with a key whose public half is in a DNS zone the test owns, and sent over SMTP
 * to Writ's listener. The zone answers mailauth's queries in place of the Internet's DNS.
 */
import { generateKeyPairSync } from 'node:crypto';
import { dkimSign } from 'mailauth';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';

export interface Zone {
  txt: Map<string, string>;
  resolver(name: string, rrtype: string): Promise<string[][] | string[]>;
}

/** A DNS zone of TXT records; any other question is NXDOMAIN. */
export function dnsZone(): Zone {
  const txt = new Map<string, string>();
  return {
    txt,
    async resolver(name, rrtype) {
      const v = txt.get(name.toLowerCase());
      if (rrtype === 'TXT' && v !== undefined) return [[v]];
      throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), {
        code: rrtype === 'TXT' ? 'ENOTFOUND' : 'ENODATA',
      });
    },
  };
}

export interface SendingDomain {
  domain: string;
  selector: string;
  privateKey: string;
}

/** Publish a domain's DKIM key, DMARC policy (reject) and SPF (only `spfIp` may send). */
export function publishDomain(zone: Zone, domain: string, spfIp = '192.0.2.10'): SendingDomain {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  zone.txt.set(`mail._domainkey.${domain}`, `v=DKIM1; k=rsa; p=${der}`);
  zone.txt.set(`_dmarc.${domain}`, 'v=DMARC1; p=reject; adkim=r; aspf=r');
  zone.txt.set(domain, `v=spf1 ip4:${spfIp} -all`);
  return { domain, selector: 'mail', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

export interface Compose {
  from: string;
  to?: string;
  subject: string;
  text?: string;
  html?: string;
  messageId?: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export async function compose(m: Compose): Promise<Buffer> {
  const composer = new MailComposer({
    from: m.from,
    to: m.to ?? 'legal-process@provider.example',
    subject: m.subject,
    ...(m.text !== undefined ? { text: m.text } : {}),
    ...(m.html !== undefined ? { html: m.html } : {}),
    ...(m.messageId ? { messageId: m.messageId } : {}),
    date: new Date('2026-11-02T08:00:00Z'),
    attachments: m.attachments ?? [],
  });
  return new Promise((resolve, reject) =>
    composer.compile().build((err: Error | null, out: Buffer) => (err ? reject(err) : resolve(out))),
  );
}

/** The message with a DKIM-Signature of `d` prepended. */
export async function sign(raw: Buffer, d: SendingDomain): Promise<Buffer> {
  const r = await dkimSign(raw, {
    signingDomain: d.domain,
    selector: d.selector,
    privateKey: d.privateKey,
    signatureData: [{ signingDomain: d.domain, selector: d.selector, privateKey: d.privateKey }],
  });
  if (r.errors.length) throw r.errors[0];
  return Buffer.concat([Buffer.from(r.signatures), raw]);
}

/** Send a raw message to an SMTP server on loopback; resolves with the server's answer. */
export async function sendRaw(port: number, raw: Buffer, envelope: { from: string; to: string[] }): Promise<string> {
  const t = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    name: 'mx.sender.example',
  });
  try {
    const info = await t.sendMail({ envelope, raw });
    return info.response;
  } finally {
    t.close();
  }
}
