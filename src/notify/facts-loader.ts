/**
 * What the customer-message handlers (notice, follow-up) read: the facts of a batch of jobs in one
 * statement, and for each customer the facts its message is written from, in its language.
 */
import type { Customer } from '../domain/directory.ts';
import type { Db } from '../store/database.ts';
import { loadNoticeFactsMany, type NoticeFacts } from '../store/notice-facts.ts';
import { coalesce } from './coalesce.ts';
import { wordsFor } from './customer-words.ts';
import type { NotifyDeps } from './deps.ts';
import type { MessageFacts } from './notice-content.ts';
import type { TemplateName } from './templates.ts';

/** The facts of one job; the jobs of one claimed batch are read together. */
export function noticeFactsLoader(
  db: Db,
): (key: { demandId: string; jobId: string }) => Promise<NoticeFacts | undefined> {
  return coalesce(async (keys: { demandId: string; jobId: string }[]) => {
    const found = await loadNoticeFactsMany(db, keys);
    return keys.map((k) => found.get(k.jobId));
  });
}

/** The facts of one customer's message `name`. */
export function messageFacts(
  deps: NotifyDeps,
  facts: NoticeFacts,
  customer: Customer,
  name: TemplateName,
): MessageFacts {
  return {
    demand: facts.demand,
    agency: facts.agency,
    customer,
    history: facts.history,
    words: wordsFor(deps.templates, name, customer.language),
    replyTo: deps.config.mailFrom,
    portalUrl: deps.config.portalUrl,
  };
}
