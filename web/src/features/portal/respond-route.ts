/**
 * "How we will respond" to a redirected demand is the customer's answer to the provider: answer
 * the agency itself, object, or ask the provider to produce. The API route for it comes later; the
 * portal finds it in the server's OpenAPI description by what it accepts (an `answer` among the
 * customer answers the event log knows, see src/domain/events.ts), not by a guessed path, and shows
 * the control only once the server offers it.
 */
import { enumValues, findPostOperation, type FoundOperation } from '../../lib/api-capabilities.ts';

export const CUSTOMER_ANSWERS = ['will_answer_agency', 'objects', 'asks_provider_to_produce'] as const;

export const ANSWER_LABELS: Record<string, string> = {
  will_answer_agency: 'We will answer the agency ourselves',
  objects: 'We object to the demand',
  asks_provider_to_produce: 'We ask the provider to produce the data',
};

export interface RespondRoute {
  operation: FoundOperation;
  answers: string[];
  acceptsNote: boolean;
}

export async function findRespondRoute(): Promise<RespondRoute | null> {
  const operation = await findPostOperation(
    (path, props) =>
      path.startsWith('/api/v1/demands/{ref}/') &&
      enumValues(props.answer).some((a) => (CUSTOMER_ANSWERS as readonly string[]).includes(a)),
  );
  if (!operation) return null;
  return { operation, answers: enumValues(operation.properties.answer), acceptsNote: 'note' in operation.properties };
}
