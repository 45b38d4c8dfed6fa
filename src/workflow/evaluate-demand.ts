/**
 * A dry run of intake: what the policy engine would decide about a submitted demand, and where it
 * would start on each track, without writing anything.
 */
import type { Decision } from '../policy/index.ts';
import type { WorkflowContext } from './context.ts';
import { checkDemandIntake } from './schemas/check-demand-intake.ts';
import type { DemandIntake } from './schemas/demand-intake.ts';
import { weighDemand } from './weigh-demand.ts';

export interface EvaluateDemandResult {
  decision: Decision;
  wouldStart: {
    state: string;
    noticeState: string;
    noticeHeldUntil: string | null;
    challengeState: string;
    preservationState: string;
    preservedUntil: string | null;
    responseDeadline: string | null;
  };
  requesterDomain: string;
}

/**
 * `blind` for an agency's officer: the targets are not looked up, so the answer cannot tell whether
 * an identifier is a customer's account, an enterprise's or stored abroad (see weighDemand).
 */
export async function evaluateDemand(
  ctx: WorkflowContext,
  input: DemandIntake,
  { blind = false }: { blind?: boolean } = {},
): Promise<EvaluateDemandResult> {
  const now = ctx.now();
  checkDemandIntake(input, now);
  const w = await weighDemand(ctx, input, now, { blind });
  const d = w.demand;
  return {
    decision: w.decision.record as Decision,
    wouldStart: {
      state: d.state,
      noticeState: d.noticeState,
      noticeHeldUntil: d.noticeHeldUntil,
      challengeState: d.challengeState,
      preservationState: d.preservationState,
      preservedUntil: d.preservedUntil,
      responseDeadline: d.responseDeadline,
    },
    requesterDomain: w.domainClass,
  };
}
