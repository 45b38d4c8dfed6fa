/**
 * Read a received message into its draft: take the MIME apart, keep each attachment in the
 * document store (sealed), read the legal documents among them (text, or OCR for scans), and
 * extract the demand's fields with their evidence. Identifiers are matched against customer
 * accounts. Nothing is decided: the draft waits for staff to correct and confirm it.
 * What cannot be read is said on the draft in plain words, and the raw message stays kept.
 * Runs as the `mail.read` job; running it again after a crash changes nothing already done.
 */
import { extractDemandFields, type DemandFields } from '../documents/demand-fields.ts';
import { parseMail } from '../documents/mail-message.ts';
import type { PageText } from '../documents/page-text.ts';
import { DocumentReader, DocumentUnreadable } from '../documents/read-document.ts';
import { findDraft, resolveIdentifiers, updateDraftReading } from '../store/mail-intake-repository.ts';
import type { WorkflowContext } from './context.ts';

/** Attachments kept from one message; more are counted and named as not read. */
const MAX_ATTACHMENTS = 20;

export interface DraftDocument {
  index: number;
  filename: string;
  mediaType: string;
  sha256: string;
  sizeBytes: number;
  /** Read for fields (pages with text or OCR). */
  read: boolean;
  /** Why it was not read, in plain words. */
  problem: string | null;
  pageCount: number | null;
  /** The document the fields were read from. */
  primary: boolean;
}

export interface DraftFields extends DemandFields {
  /** For each identifier, the customer account it names, if any. */
  matches: ({ customerId: string; customerName: string; accountId: string | null } | null)[];
  /** Where the fields were read: an attachment's index, or the message's own text. */
  from: { document: number } | { body: true };
}

/**
 * The fields read from the pages, each identifier matched against customer accounts, or, when
 * the reader may not learn who the identifiers belong to (an agency officer), not looked up.
 */
export async function fieldsOfPages(
  ctx: WorkflowContext,
  pages: PageText[],
  from: DraftFields['from'],
  o: { matchAccounts: boolean },
): Promise<DraftFields> {
  const extracted = extractDemandFields(pages);
  const matched = o.matchAccounts
    ? await resolveIdentifiers(
        ctx.db,
        extracted.identifiers.map((i) => i.value),
      )
    : new Map();
  return {
    ...extracted,
    matches: extracted.identifiers.map((i) => matched.get(`${i.value.kind}:${i.value.value}`) ?? null),
    from,
  };
}

/** The message text as one page, for a demand sent in the body of an e-mail. */
function bodyPage(text: string): PageText {
  let out = '';
  const lines: PageText['lines'] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    const t = l.replace(/\s+/g, ' ').trim();
    if (!t) return;
    if (out) out += '\n';
    lines.push({ start: out.length, end: out.length + t.length, box: { x: 0, y: i * 14, w: t.length * 6, h: 12 } });
    out += t;
  });
  return {
    page: 1,
    source: 'text',
    confidence: 1,
    text: out,
    lines,
    width: 595,
    height: Math.max(842, lines.length * 14),
  };
}

export async function readDemandDraft(
  ctx: WorkflowContext,
  o: { draftId: string; reader: DocumentReader },
): Promise<void> {
  const draft = await findDraft(ctx.db, o.draftId);
  if (draft?.state !== 'reading' || !draft.raw_sha256) return;
  const raw = await ctx.documents.get(draft.raw_sha256);
  const problems: string[] = [];
  let parsed: Awaited<ReturnType<typeof parseMail>>;
  try {
    parsed = await parseMail(raw, { maxAttachments: MAX_ATTACHMENTS });
  } catch (e) {
    await updateDraftReading(ctx.db, o.draftId, {
      state: 'unreadable',
      documents: [],
      fields: null,
      pages: null,
      problems: [`The message could not be taken apart (${(e as Error).message}); the raw message is kept.`],
      now: ctx.now(),
    });
    return;
  }
  if (parsed.attachmentsSkipped)
    problems.push(
      `The message has ${parsed.attachmentsSkipped + MAX_ATTACHMENTS} attachments; only the first ${MAX_ATTACHMENTS} were kept and read.`,
    );

  const documents: DraftDocument[] = [];
  let best: { index: number; pages: PageText[]; chars: number } | null = null;
  for (const [index, a] of parsed.attachments.entries()) {
    const sha256 = await ctx.documents.put(a.content);
    const doc: DraftDocument = {
      index,
      filename: a.filename,
      mediaType: a.contentType,
      sha256,
      sizeBytes: a.content.length,
      read: false,
      problem: null,
      pageCount: null,
      primary: false,
    };
    documents.push(doc);
    if (!DocumentReader.accepts(a.contentType)) {
      doc.problem = `not read: a ${a.contentType} file is not a PDF or an image`;
      continue;
    }
    if (a.content.length > ctx.maxDocumentBytes) {
      doc.problem = `not read: ${(a.content.length / 1048576).toFixed(1)} MB is larger than the ${(ctx.maxDocumentBytes / 1048576).toFixed(0)} MB a document may have`;
      problems.push(`${a.filename}: ${doc.problem}`);
      continue;
    }
    try {
      const r = await o.reader.read(a.content, a.contentType);
      doc.read = true;
      doc.pageCount = r.pageCount;
      for (const p of r.problems) problems.push(`${a.filename}: ${p}`);
      const chars = r.pages.reduce((n, p) => n + p.text.length, 0);
      if (!best || chars > best.chars) best = { index, pages: r.pages, chars };
    } catch (e) {
      const reason = e instanceof DocumentUnreadable ? e.message : `could not be read (${(e as Error).message})`;
      doc.problem = `not read: ${reason}`;
      problems.push(`${a.filename}: ${reason}`);
    }
  }

  let pages: PageText[];
  let from: DraftFields['from'];
  if (best && best.chars > 0) {
    pages = best.pages;
    from = { document: best.index };
    documents[best.index]!.primary = true;
  } else {
    if (!parsed.attachments.length) problems.push('The message has no attachment: the fields were read from its text.');
    else problems.push('No attachment could be read: the fields were read from the message text.');
    if (parsed.htmlOnly) problems.push('The message has only an HTML body; its text was taken from the HTML.');
    pages = parsed.text ? [bodyPage(parsed.text)] : [];
    from = { body: true };
  }

  const fields = await fieldsOfPages(ctx, pages, from, { matchAccounts: true });
  const unmatched = fields.identifiers.filter((_, n) => !fields.matches[n]).map((i) => i.value.value);
  if (unmatched.length) problems.push(`Not a customer account: ${unmatched.join(', ')}`);
  const readable = pages.some((p) => p.text.trim().length > 0);
  if (!readable) problems.push('Nothing in the message could be read: enter the demand by hand from the raw message.');

  await updateDraftReading(ctx.db, o.draftId, {
    state: readable ? 'ready' : 'unreadable',
    documents,
    fields,
    pages,
    problems,
    now: ctx.now(),
  });
}
