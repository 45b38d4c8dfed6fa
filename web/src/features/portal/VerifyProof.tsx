/**
 * "Verify in the ledger": fetches the event's inclusion proof and the ledger's key, and checks
 * both in this browser (ledger-verify.ts), not on the server's word.
 */
import { useState } from 'react';
import { api } from '../../lib/api.ts';
import { type InclusionAnswer, type LedgerKey, type Verdict, verifyInclusion } from './ledger-verify.ts';

export function VerifyProof({ eventId }: { eventId: string }) {
  const [state, setState] = useState<'idle' | 'working' | Verdict>('idle');
  const run = async () => {
    setState('working');
    try {
      const [proof, key] = await Promise.all([
        api<InclusionAnswer>('/api/v1/ledger/proof/inclusion', { query: { event: eventId } }),
        api<LedgerKey>('/api/v1/ledger/key'),
      ]);
      setState(await verifyInclusion(proof, key));
    } catch (e) {
      setState({ ok: false, reason: (e as Error).message });
    }
  };
  return (
    <span className="verify-proof">
      <button type="button" className="button-small" onClick={() => void run()} disabled={state === 'working'}>
        Verify in the ledger
      </button>{' '}
      <output aria-live="polite">
        {state === 'working' && 'Checking…'}
        {typeof state === 'object' &&
          (state.ok ? (
            <span className="verified">
              Verified: included in the signed log of {state.treeSize} entries (key {state.keyName}, {state.keyId})
            </span>
          ) : (
            <span className="not-verified">Not verified: {state.reason}</span>
          ))}
      </output>
    </span>
  );
}
