/** The stable quote id, shared by the builder, imports and the review file. */
import { createHash } from 'node:crypto';
import { canonical } from '../../text';

/** `q_` + the first 16 hex digits of sha256(canonical(speaker) + "\n" + canonical(text)). */
export function quoteId(speaker: string, text: string): string {
  return `q_${createHash('sha256').update(`${canonical(speaker)}\n${canonical(text)}`).digest('hex').slice(0, 16)}`;
}
