/**
 * A quotation's other vetted wordings (issue 17; docs/corpus-format.md, "Other
 * wordings"): how documents declare them, how two reports of one quotation
 * combine theirs, and what the review hash covers. Pure and browser-safe.
 */
import { z } from 'zod';
import { canonical } from '../text';
import { OriginalWording, VariantWording, type Quote } from './schema';

/**
 * One `wordings` entry of a document's metadata: `quote` names a quotation of that
 * document (words it contains, as printed there; case, quotes and dashes do not matter)
 * and gives its original-language wording and/or other vetted wordings.
 */
export const DeclaredWordings = z
  .strictObject({
    quote: z.string().trim().min(1),
    original: OriginalWording.strict().extend({ source: OriginalWording.shape.source.strict() }).optional(),
    variants: z.array(VariantWording.strict().extend({ source: VariantWording.shape.source.strict() })).min(1).optional(),
  })
  .refine((w) => w.original !== undefined || w.variants !== undefined, 'give an original, variants, or both');
export type DeclaredWordings = z.infer<typeof DeclaredWordings>;

type Wordings = Pick<Quote, 'original' | 'variants'>;

const variantKey = (v: NonNullable<Quote['variants']>[number]) => `${v.lang}\n${canonical(v.text)}`;

/**
 * The wordings of two reports of one quotation together: the first original (a second,
 * different one is returned as a conflict), the variants of both without repeats.
 */
export function mergeWordings(a: Wordings, b: Wordings): { wordings: Wordings; conflict?: string } {
  const out: Wordings = {};
  let conflict: string | undefined;
  const original = a.original ?? b.original;
  if (original) out.original = original;
  if (a.original && b.original && (a.original.lang !== b.original.lang || canonical(a.original.text) !== canonical(b.original.text))) {
    conflict = `two different original wordings: “${a.original.text}” (${a.original.lang}) and “${b.original.text}” (${b.original.lang})`;
  }
  const variants = [...(a.variants ?? [])];
  for (const v of b.variants ?? []) if (!variants.some((x) => variantKey(x) === variantKey(v))) variants.push(v);
  if (variants.length) out.variants = variants;
  return conflict === undefined ? { wordings: out } : { wordings: out, conflict };
}

/** A quote with `more` wordings added (see mergeWordings). */
export function withWordings(quote: Quote, more: Wordings): { quote: Quote; conflict?: string } {
  const { wordings, conflict } = mergeWordings(quote, more);
  const { original: _o, variants: _v, ...rest } = quote;
  const next: Quote = { ...rest, ...wordings };
  return conflict === undefined ? { quote: next } : { quote: next, conflict };
}

/**
 * Attaches each document's declared wordings to the quotation of that document they
 * name. Problems (no quotation or several contain the words, two originals) are
 * returned with the entry's index, for the caller to report against its file.
 */
export function attachDeclaredWordings(
  quotes: readonly Quote[],
  declarations: readonly { docId: string; file: string; wordings: readonly DeclaredWordings[] }[],
): { quotes: Quote[]; problems: { file: string; message: string }[] } {
  const out = [...quotes];
  const problems: { file: string; message: string }[] = [];
  for (const d of declarations) {
    d.wordings.forEach((w, i) => {
      const words = canonical(w.quote);
      const at = out.flatMap((q, k) => (q.sources.some((s) => s.docId === d.docId) && canonical(q.text).includes(words) ? [k] : []));
      const where = `wordings[${i}].quote`;
      if (at.length !== 1) {
        problems.push({
          file: d.file,
          message: at.length === 0
            ? `${where}: no quotation of this document contains “${w.quote}”`
            : `${where}: “${w.quote}” is in ${at.length} quotations of this document (${at.map((k) => out[k]!.id).join(', ')}); quote more of its words`,
        });
        return;
      }
      const more: Wordings = {};
      if (w.original) more.original = w.original;
      if (w.variants) more.variants = w.variants;
      const merged = withWordings(out[at[0]!]!, more);
      if (merged.conflict) problems.push({ file: d.file, message: `${where}: ${merged.conflict}` });
      out[at[0]!] = merged.quote;
    });
  }
  return { quotes: out, problems };
}

/**
 * The wordings as the review hash covers them, one line each (empty for a quote with
 * none, so the hash of such a quote is what it always was): approving a quotation
 * approves each of its wordings with their sources, and adding or changing one sends
 * it back to pending.
 */
export function wordingsForReview(quote: Wordings): string[] {
  const line = (label: string, w: { lang: string; text: string; source: { title: string; publisher?: string; url?: string } }) =>
    `${label} (${w.lang}): ${w.text} — ${[w.source.title, w.source.publisher, w.source.url].filter(Boolean).join(', ')}`;
  const out: string[] = [];
  if (quote.original) out.push(line('original', quote.original));
  for (const v of quote.variants ?? []) out.push(line(v.kind, v));
  return out;
}
