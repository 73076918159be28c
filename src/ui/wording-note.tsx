/**
 * Which vetted wording a finding was judged against (issue 17), as one small
 * block of the quote card: "Verified against the original Russian" / "against
 * the translation published by …" with the record's main wording beside it;
 * for a `variant`, the page's own wording beside the verified one. Props only;
 * every text is rendered as text.
 */
import type { Quote, WordingSource } from '../corpus/schema';
import type { Finding, WordingRef } from '../match/types';
import { wordingSourceOf } from '../match/wordings';
import { safeHref } from './citation';
import { t } from './i18n';

/** The language's name in the UI's language ("Russian", "російська"); the tag itself when unknown. */
export function languageName(tag: string, uiLang = 'en'): string {
  try {
    return new Intl.DisplayNames([uiLang], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** The card's heading for a finding judged against another wording than the main text. */
export function againstText(ref: WordingRef, source: WordingSource | undefined, uiLang = 'en'): string {
  const lang = languageName(ref.lang, uiLang);
  const by = source?.publisher ?? source?.title ?? '';
  if (ref.kind === 'original') return t('cardAgainstOriginal', lang);
  if (ref.kind === 'translation') return t('cardAgainstTranslation', lang, by);
  if (ref.kind === 'transcript') return t('cardAgainstTranscript', lang, by);
  return t('cardAgainstOutlet', lang, by);
}

function SourceOf({ source }: { source: WordingSource | undefined }) {
  if (!source) return null;
  const href = safeHref(source.url);
  return (
    <span class="qv-wording-source">
      {' — '}
      {href ? (
        <a href={href} target="_blank" rel="noopener noreferrer">
          {source.title}
        </a>
      ) : (
        <cite>{source.title}</cite>
      )}
      {source.publisher && source.publisher !== source.title ? `, ${source.publisher}` : ''}
    </span>
  );
}

export function WordingNote({ finding, quote, uiLang }: { finding: Finding; quote: Quote; uiLang?: string }) {
  const ref = finding.wording;
  if (finding.verdict === 'variant') {
    return (
      <section class="qv-section qv-variant" data-wording={ref?.kind ?? 'main'}>
        <h3 class="qv-label">{t('cardPageWording')}</h3>
        <blockquote class="qv-wording qv-page-version" dir="auto">
          {finding.text}
        </blockquote>
        <p class="qv-note">
          {t('cardVerifiedWordingFrom')}
          <SourceOf source={wordingSourceOf(quote, ref)} />
        </p>
      </section>
    );
  }
  if (!ref) return null;
  return (
    <section class="qv-section qv-against" data-wording={ref.kind} data-wording-lang={ref.lang}>
      <p class="qv-label qv-against-heading">
        {againstText(ref, wordingSourceOf(quote, ref), uiLang)}
        <SourceOf source={wordingSourceOf(quote, ref)} />
      </p>
      <h3 class="qv-label">{t('cardMainWording')}</h3>
      <blockquote class="qv-wording qv-main-wording" lang="en" dir="auto">
        {quote.text}
      </blockquote>
    </section>
  );
}
