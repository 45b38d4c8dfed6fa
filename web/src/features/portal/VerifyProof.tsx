/**
 * "Verify in the ledger": fetches the event's inclusion proof and the ledger's key, checks both in
 * this browser (ledger-verify.ts), not on the server's word, then checks the key and the checkpoint
 * against what this browser verified before (ledger-pin.ts), and shows the fields the proof opens,
 * each checked against the leaf's commitments.
 */
import { useState } from 'react';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import {
  type ExpectedEvent,
  type InclusionAnswer,
  type LedgerKey,
  type OpenedField,
  type Verdict,
  verifyInclusion,
} from './ledger-verify.ts';
import { type ConsistencyAnswer, checkAgainstPin, type LedgerPin } from './ledger-pin.ts';

const FIELD_LABELS: Record<string, string> = {
  type: 'Event',
  time: 'Time',
  demandId: 'Demand id',
  'payload.customerId': 'Your customer id',
  'payload.customerIds': 'Your customer id',
};

const shown = (value: unknown): string =>
  Array.isArray(value) ? value.map(shown).join(', ') : typeof value === 'string' ? value : JSON.stringify(value);

function OpenedFields({ fields }: { fields: OpenedField[] }) {
  return (
    <dl className="timeline-details">
      {fields.map((f) => (
        <div key={f.name}>
          <dt>{FIELD_LABELS[f.name] ?? f.name}</dt>
          <dd>
            <code>{shown(f.value)}</code>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/*
 * The pin is kept in localStorage, which holds nothing secret here (a public key and a public
 * root); a browser that refuses storage still verifies each proof, only without the memory.
 */
const STORAGE_KEY = 'writ.ledgerPin';

function loadPin(): LedgerPin | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const p = JSON.parse(raw) as Partial<LedgerPin>;
    const valid =
      typeof p.origin === 'string' &&
      typeof p.verifierKey === 'string' &&
      Number.isSafeInteger(p.treeSize) &&
      typeof p.rootHash === 'string' &&
      typeof p.keySince === 'string' &&
      typeof p.seenAt === 'string';
    return valid ? (p as LedgerPin) : null;
  } catch {
    return null; // storage disabled or unreadable: verify without the memory
  }
}

function savePin(pin: LedgerPin): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(pin));
  } catch {
    // storage disabled: nothing is remembered, each proof is still verified
  }
}

/** `expected`: what the page says of the event; the proof must open the same. */
export function VerifyProof({ eventId, expected }: { eventId: string; expected?: ExpectedEvent }) {
  const [state, setState] = useState<'idle' | 'working' | (Verdict & { continuity?: string })>('idle');
  const run = async () => {
    setState('working');
    try {
      const [proof, key] = await Promise.all([
        api<InclusionAnswer>('/api/v1/ledger/proof/inclusion', { query: { event: eventId } }),
        api<LedgerKey>('/api/v1/ledger/key'),
      ]);
      const verdict = await verifyInclusion(proof, key, expected);
      if (!verdict.ok) return setState(verdict);
      // Then against what this browser saw before: the same key, and a log consistent with it.
      const pinned = await checkAgainstPin(
        loadPin(),
        key,
        verdict,
        (from, to) => api<ConsistencyAnswer>('/api/v1/ledger/proof/consistency', { query: { from, to } }),
        new Date(),
      );
      if (!pinned.ok) return setState(pinned);
      savePin(pinned.pin);
      setState({ ...verdict, continuity: pinned.continuity });
    } catch (e) {
      setState({ ok: false, reason: (e as Error).message });
    }
  };
  return (
    <div className="verify-proof">
      <button type="button" className="button-small" onClick={() => void run()} disabled={state === 'working'}>
        Verify in the ledger
      </button>{' '}
      <output aria-live="polite">
        {state === 'working' && 'Checking…'}
        {typeof state === 'object' &&
          (state.ok ? (
            <span className="verified">
              Verified: included in the signed log of {state.treeSize} entries (key {state.keyName}, {state.keyId})
              {state.signedAt ? `, signed ${formatDateTime(state.signedAt)}` : ''}
            </span>
          ) : (
            <span className="not-verified">Not verified: {state.reason}</span>
          ))}
      </output>
      {typeof state === 'object' && state.ok && state.continuity && (
        <p className="small muted verify-continuity">{state.continuity}.</p>
      )}
      {typeof state === 'object' && state.ok && <OpenedFields fields={state.opened} />}
    </div>
  );
}
