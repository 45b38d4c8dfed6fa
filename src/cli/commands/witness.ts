/**
 * `writ witness`: one Writ deployment witnessing another's log (c2sp.org/tlog-witness).
 *
 *   writ witness key NAME      a new witness key: set the signer key as WRIT_WITNESS_KEY on the
 *                              witnessing deployment, and give the verifier key and its
 *                              /witness URL to the log (WRIT_LEDGER_WITNESSES)
 *   writ witness cosign        ask the configured witnesses to cosign the latest checkpoint now
 *                              (the ledger loop does so after every checkpoint)
 */
import type { Command } from 'commander';
import { witnessPolicyFromConfig } from '../../config/witness-config.ts';
import { generateNoteKeyPair, isValidKeyName } from '../../ledger/note-keys.ts';
import { requestCosignatures } from '../../workflow/request-cosignatures.ts';
import { withRuntime } from '../with-runtime.ts';

export function registerWitnessCommands(program: Command): void {
  const witness = program.command('witness').description('witness another Writ log, or ask witnesses to cosign');
  witness
    .command('key')
    .argument('<name>', 'the witness name, a URL without scheme, e.g. witness.example.org')
    .description('print a new witness signer key (secret) and its verifier key (public)')
    .action((name: string) => {
      if (!isValidKeyName(name)) {
        console.error('a witness name has no spaces or "+"');
        process.exitCode = 2;
        return;
      }
      const { signerKey, verifierKey } = generateNoteKeyPair(name);
      console.log(`WRIT_WITNESS_KEY=${signerKey}`);
      console.log(`verifier key (for WRIT_LEDGER_WITNESSES of the log): ${verifierKey}`);
    });
  witness
    .command('cosign')
    .description('ask the witnesses of WRIT_LEDGER_WITNESSES to cosign the latest checkpoint now')
    .action(async () => {
      await withRuntime(async (rt) => {
        const results = await requestCosignatures(rt.db, witnessPolicyFromConfig(rt.config.ledger.witnessing));
        for (const r of results) console.log(`${r.witness}: ${r.result}`);
        if (results.some((r) => r.result.startsWith('failed'))) process.exitCode = 1;
      });
    });
}
