import type { Role } from '../entities/api-key.entity';

/**
 * Who is acting, passed explicitly as the first argument of every service method. It fixes
 * the tenant: services and repositories use `actor.clinicId` and nothing else.
 */
export interface Actor {
  clinicId: string;
  role: Role;
  /** null for operator actions (CLI, seed). */
  keyId: string | null;
  /** Audit label: the key prefix, or `cli` / `seed`. */
  label: string;
  /** For clinician keys bound to a staff member. */
  staffId: string | null;
  requestId: string | null;
}

export function operatorActor(clinicId: string, label: 'cli' | 'seed'): Actor {
  return { clinicId, role: 'director', keyId: null, label, staffId: null, requestId: null };
}
