/**
 * Read a legal document uploaded to pre-fill a demand (the agency portal's form): the same reading
 * and extraction as a document that arrives by e-mail, but nothing is stored. An agency officer's
 * identifiers are not looked up: the officer learns nothing of who they belong to.
 */
import { DocumentReader, DocumentUnreadable } from '../documents/read-document.ts';
import { documentTypeProblem } from '../domain/document-types.ts';
import { DomainError } from '../domain/errors.ts';
import type { PageText } from '../documents/page-text.ts';
import type { WorkflowContext } from './context.ts';
import type { UploadedDocument } from './intake-demand.ts';
import { type DraftFields, fieldsOfPages } from './read-demand-draft.ts';

export interface ReadUploadedDocumentResult {
  pageCount: number;
  problems: string[];
  /** The pages read, for the form to show where each field was found. */
  pages: PageText[];
  fields: DraftFields;
}

export async function readUploadedDocument(
  ctx: WorkflowContext,
  o: { document: UploadedDocument; reader: DocumentReader; matchAccounts: boolean },
): Promise<ReadUploadedDocumentResult> {
  const { filename, mediaType, bytes } = o.document;
  const problem = documentTypeProblem(mediaType, bytes);
  if (problem) throw new DomainError('unsupported_media_type', `${filename}: ${problem}`);
  if (!DocumentReader.accepts(mediaType)) throw new DomainError('unsupported_media_type', `${filename} is not read`);
  let read: Awaited<ReturnType<DocumentReader['read']>>;
  try {
    read = await o.reader.read(bytes, mediaType);
  } catch (e) {
    if (e instanceof DocumentUnreadable) throw new DomainError('invalid_input', `${filename}: ${e.message}`);
    throw e;
  }
  const fields = await fieldsOfPages(ctx, read.pages, { document: 0 }, { matchAccounts: o.matchAccounts });
  return { pageCount: read.pageCount, problems: read.problems, pages: read.pages, fields };
}
