import { forbidden } from '../http/errors';
import type { Actor } from './actor';

type Policy<S> = (actor: Actor, subject: S) => boolean;

// Every action the hub knows, with the subject its policy receives. Modules add theirs
// in <module>.policy.ts through definePolicy; an action nobody defined is denied.
const registry = new Map<string, Policy<any>>();

/** Registers the rule for one action; defining an action twice is a programming error. */
export function definePolicy<S>(action: string, policy: Policy<S>): void {
  if (registry.has(action)) throw new Error(`policy ${action} defined twice`);
  registry.set(action, policy);
}

/** Deny by default: unknown actions, missing actors and throwing rules all answer false. */
export function authorize<S>(actor: Actor | null | undefined, action: string, subject: S): boolean {
  if (!actor) return false;
  const policy = registry.get(action);
  if (!policy) return false;
  try {
    return policy(actor, subject) === true;
  } catch {
    return false;
  }
}

/** authorize() or throw the 403 the API returns. */
export function assertAllowed<S>(actor: Actor | null | undefined, action: string, subject: S): void {
  if (!authorize(actor, action, subject)) throw forbidden();
}

/** Actions currently registered (tests check every route is covered by one). */
export function registeredActions(): string[] {
  return [...registry.keys()];
}

/** The subject is in the school the actor is currently acting in. */
export function sameSchool(actor: Actor, subject: { schoolId: string }): boolean {
  return typeof subject?.schoolId === 'string' && subject.schoolId === actor.schoolId;
}
