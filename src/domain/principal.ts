/**
 * Who is calling: a staff member with roles, an officer of one agency, or an admin of one customer
 * tenant. Access decisions read only this, never request details. The `metrics` role is for a
 * monitoring system's API token: it reads /metrics and nothing else.
 */
export const STAFF_ROLES = ['intake', 'reviewer', 'approver', 'administrator', 'auditor', 'metrics'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Every role a route may name: staff roles, plus the two outside audiences. */
export type Role = StaffRole | 'officer' | 'customer_admin';

export type Principal =
  | { kind: 'staff'; id: string; name: string; roles: StaffRole[] }
  | { kind: 'officer'; id: string; name: string; agencyId: string }
  | { kind: 'customer_admin'; id: string; name: string; customerId: string };

export function principalRoles(p: Principal): Role[] {
  return p.kind === 'staff' ? p.roles : [p.kind];
}
