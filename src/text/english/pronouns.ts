/**
 * Subject pronouns and what they can refer to: "he" a man, "she" a woman,
 * "it" an organization (or a document), "they" anyone (a group, an
 * organization, or a person who uses it). Shared by builder and matcher.
 */
import type { Gender } from './titles';

export interface PronounSense {
  kind: 'person' | 'organization' | 'any';
  gender?: Gender;
  plural?: boolean;
}

export const PRONOUNS: ReadonlyMap<string, PronounSense> = new Map<string, PronounSense>([
  ['he', { kind: 'person', gender: 'male' }],
  ['she', { kind: 'person', gender: 'female' }],
  ['it', { kind: 'organization' }],
  ['they', { kind: 'any', plural: true }],
]);

/** First-person subjects: in running prose they are the writer, never an earlier speaker. */
export const FIRST_PERSON: ReadonlySet<string> = new Set(['i', 'we']);
