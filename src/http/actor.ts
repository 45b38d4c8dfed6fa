/** The workflow's view of who acted, from the authenticated principal. */
import type { Actor } from '../domain/events.ts';
import type { Principal } from '../domain/principal.ts';

export function actorOf(p: Principal): Actor {
  return { kind: p.kind === 'staff' ? 'staff' : p.kind === 'officer' ? 'agency' : 'customer', id: p.id };
}
