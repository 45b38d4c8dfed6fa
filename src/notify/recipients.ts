/** Who at a customer hears what. */
import type { Customer, CustomerContact } from '../domain/directory.ts';

/**
 * The contacts a customer notice goes to: an enterprise's designated admins and legal contacts, a
 * consumer's account holder.
 */
export function noticeContacts(c: Customer): CustomerContact[] {
  const roles = c.kind === 'enterprise' ? ['admin', 'legal'] : ['account_holder'];
  return c.contacts.filter((k) => k.designated && roles.includes(k.role));
}

/** The people who run a customer's settings (webhook endpoints): admins, or the account holder. */
export function adminContacts(c: Customer): CustomerContact[] {
  const admins = c.contacts.filter((k) => k.role === 'admin');
  return admins.length ? admins : c.contacts.filter((k) => k.role === 'account_holder');
}

/** The designated legal contacts a redirect letter may name, when the customer allowed it. */
export function shareableLegalContacts(c: Customer): CustomerContact[] {
  return c.shareLegalContact ? c.contacts.filter((k) => k.role === 'legal' && k.designated) : [];
}
