/** A person removes one of their own passkeys; the removal is an event. Another's is not found. */
import { DomainError } from '../domain/errors.ts';
import type { Actor } from '../domain/events.ts';
import type { Principal } from '../domain/principal.ts';
import { appendEvent } from '../store/event-repository.ts';
import { deletePasskey } from '../store/passkey-repository.ts';
import type { WorkflowContext } from './context.ts';

export async function removePasskey(
  ctx: WorkflowContext,
  o: { principal: Principal; actor: Actor; passkeyId: string },
): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await deletePasskey(tx, o.passkeyId, o.principal.id))) throw new DomainError('not_found', 'No such passkey');
    await appendEvent(
      tx,
      null,
      o.actor,
      { type: 'passkey.removed', principalId: o.principal.id, passkeyId: o.passkeyId },
      now,
    );
  });
}
