/**
 * Reading an event's payload field by field: a hub of another version may send another shape,
 * and a field of the wrong type then reads as missing rather than breaking the live list.
 */
export type Payload = Record<string, unknown>;

export const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A domain's words for one of its events in the live list. */
export interface EventDescription<Icon extends string> {
  icon: Icon;
  title: string;
  description: string | null;
  href: string | null;
}
