/**
 * The word diff, read right: the verified wording with the words the page
 * dropped or changed emphasised as the truth, and the page's version with its
 * own words marked as the page's. Used by the card and the popup rows. Shape
 * carries the meaning (bold, wavy underline) and screen readers hear it named;
 * styles are the views' own (.qv-truth, .qv-invented, .qv-gap).
 */
import type { ComponentChildren } from 'preact';
import type { DiffOp } from '../match/types';
import { t } from './i18n';
import { DIFF_LABEL, needsSpaceBetween } from './labels';

/**
 * The verified wording, with the words the page dropped or changed emphasised
 * as the truth: bold and underlined, and named for screen readers.
 */
export function SaidView({ diff }: { diff: readonly DiffOp[] }) {
  return (
    <>
      {joinWords(
        diff.filter((d) => d.op !== 'insert'),
        (d, i) =>
          d.op === 'delete' ? (
            <strong key={i} class="qv-truth">
              <span class="qv-sr">{t(DIFF_LABEL.delete)}</span>
              {d.text}
            </strong>
          ) : (
            <span key={i}>{d.text}</span>
          ),
      )}
    </>
  );
}

/**
 * The page's version on its own line: its own words marked as the page's
 * (italic, wavy underline, named for screen readers), and a caret where it
 * left words out.
 */
export function PageVersionView({ diff }: { diff: readonly DiffOp[] }) {
  const shown: DiffOp[] = [];
  diff.forEach((d, i) => {
    if (d.op !== 'delete') shown.push(d);
    // A dropped run with nothing in its place: show the gap.
    else if (diff[i + 1]?.op !== 'insert' && diff[i - 1]?.op !== 'insert') shown.push({ op: 'delete', text: '‸' });
  });
  return (
    <>
      {joinWords(shown, (d, i) =>
        d.op === 'insert' ? (
          <em key={i} class="qv-invented">
            <span class="qv-sr">{t(DIFF_LABEL.insert)}</span>
            {d.text}
          </em>
        ) : d.op === 'delete' ? (
          <span key={i} class="qv-gap" title={t(DIFF_LABEL.gap)}>
            <span aria-hidden="true">{d.text}</span>
            <span class="qv-sr">{t(DIFF_LABEL.gap)}</span>
          </span>
        ) : (
          <span key={i}>{d.text}</span>
        ),
      )}
    </>
  );
}

/** Diff segments joined as a sentence: a space between them unless punctuation makes one wrong. */
function joinWords(ops: readonly DiffOp[], render: (d: DiffOp, i: number) => ComponentChildren): ComponentChildren[] {
  const parts: ComponentChildren[] = [];
  let prev = '';
  ops.forEach((d, i) => {
    if (needsSpaceBetween(prev, d.text)) parts.push(' ');
    parts.push(render(d, i));
    prev = d.text;
  });
  return parts;
}
