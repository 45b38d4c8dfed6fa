/** The case-handling API as the console's pages use it: people, assignment, notes. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { Me, StaffMember } from '../../lib/api-types.ts';

/** Everyone on the legal team (the assignee picker, and names). */
export function useStaff() {
  return useQuery({
    queryKey: ['staff'],
    queryFn: ({ signal }) => api<{ items: StaffMember[] }>('/api/v1/staff', { signal }).then((r) => r.items),
    staleTime: 60_000,
  });
}

/** Roles the access policy lets assign (POST /api/v1/demands/assign). */
export const mayAssign = (me: Me | null) =>
  me?.kind === 'staff' && me.roles.some((r) => r === 'reviewer' || r === 'administrator');

/** Roles that may ask the agency to clarify its demand (the access table's rule). */
export const mayAskAgency = mayAssign;

/** Roles that may add an internal note. */
export const mayNote = (me: Me | null) => me?.kind === 'staff' && me.roles.some((r) => r !== 'auditor');

/** Roles that may read who read a demand. */
export const mayReadReads = (me: Me | null) =>
  me?.kind === 'staff' && me.roles.some((r) => r === 'administrator' || r === 'auditor');

/** Assign (or, with null, unassign) demands: all or none. */
export function assign(references: string[], assignee: string | null) {
  return api<{ items: { reference: string; assignee: { id: string; name: string } | null }[] }>(
    '/api/v1/demands/assign',
    { method: 'POST', json: { references, assignee } },
  );
}

/** "2 h 05 min left", "3 h 10 min overdue": an hours clock, to the minute. */
export function hoursLeft(dueAt: string, now: number): string {
  const ms = new Date(dueAt).getTime() - now;
  const mins = Math.round(Math.abs(ms) / 60_000);
  const text = `${Math.floor(mins / 60)} h ${String(mins % 60).padStart(2, '0')} min`;
  return ms >= 0 ? `${text} left` : `${text} overdue`;
}
