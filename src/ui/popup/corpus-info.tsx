/**
 * The corpus a tab was checked against: name, version, counts, build date and
 * integrity hash, or, when the background refused it, why, prominently: a
 * reader must not mistake "nothing verified" for "nothing to verify".
 */
import { useState } from 'preact/hooks';
import type { CorpusStatus } from '../../platform/messages';
import { formatStatementDate } from '../format';
import { t } from '../i18n';

/** Digits of the hash shown: enough to compare by eye (the same as src/host/integrity.ts SHORT_HASH_DIGITS). */
export const SHORT_HASH_DIGITS = 12;

/** How long "Copied" stays before the button reads "Copy" again. */
const COPIED_NOTICE_MS = 2000;

/** "23 November 2026, 10:04 UTC" for an ISO date-time; a date-only value prints as a date. Unreadable: as given. */
export function formatBuildDate(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(iso);
  if (!m) return iso;
  const when = new Date(iso);
  if (m[2] === undefined || Number.isNaN(when.getTime())) return formatStatementDate(m[1]!, 'day');
  // The UTC calendar day and time, so every reader sees the same words for one build.
  const day = when.toISOString().slice(0, 10);
  const time = when.toISOString().slice(11, 16);
  return `${formatStatementDate(day, 'day')}, ${time} UTC`;
}

export interface CorpusInfoProps {
  corpus: CorpusStatus;
  /** Copies text for the reader; default: the Clipboard API. Returns whether it worked. */
  copy?: (text: string) => Promise<boolean>;
}

const clipboardCopy = (text: string): Promise<boolean> =>
  navigator.clipboard.writeText(text).then(
    () => true,
    () => false,
  );

export function CorpusInfo({ corpus, copy = clipboardCopy }: CorpusInfoProps) {
  return (
    <section aria-labelledby="qv-corpus" class="qv-popup__corpus">
      <h2 id="qv-corpus">{t('corpusHeading')}</h2>
      {corpus.ok ? <CorpusFacts corpus={corpus} copy={copy} /> : <CorpusRefused corpus={corpus} />}
    </section>
  );
}

function CorpusRefused({ corpus }: { corpus: Extract<CorpusStatus, { ok: false }> }) {
  const headline =
    corpus.reason === 'integrity'
      ? t('corpusRefusedIntegrity')
      : corpus.reason === 'missing'
        ? t('corpusRefusedMissing')
        : t('corpusRefusedOther');
  return (
    <div role="alert" class="qv-popup__refused" data-corpus-error={corpus.reason ?? 'invalid'}>
      <p class="qv-popup__refused-title">
        <span aria-hidden="true">⚠ </span>
        {headline}
      </p>
      <p class="qv-popup__refused-detail">{corpus.error}</p>
    </div>
  );
}

/**
 * What the corpus covers, for a reader who has just met the extension: how
 * many quotations, whose, from when; and that "not in the corpus" is no
 * verdict on a quotation.
 */
export function CorpusScopeLine({ corpus }: { corpus: Extract<CorpusStatus, { ok: true }> }) {
  const scope = corpus.scope;
  const period = scope?.from && scope.to ? [formatStatementDate(scope.from), formatStatementDate(scope.to)] : undefined;
  return (
    <div class="qv-popup__scope" data-corpus="scope">
      {scope && period && (
        <p>
          {scope.speakerCount === 1
            ? t('scopeLineOneSpeaker', corpus.quoteCount, scope.topSpeakers[0] ?? '', period[0]!, period[1]!)
            : t('scopeLine', corpus.quoteCount, scope.speakerCount, scope.topSpeakers.join(', '), period[0]!, period[1]!)}
        </p>
      )}
      <p class="qv-popup__scope-note">{t('scopeNotFalse')}</p>
    </div>
  );
}

function CorpusFacts({ corpus, copy }: { corpus: Extract<CorpusStatus, { ok: true }>; copy: (text: string) => Promise<boolean> }) {
  return (
    <>
      <CorpusScopeLine corpus={corpus} />
      <dl>
        <dt>{t('corpusName')}</dt>
        <dd data-corpus="name">{corpus.name}</dd>
        {corpus.version !== undefined && (
          <>
            <dt>{t('corpusVersion')}</dt>
            <dd data-corpus="version">{corpus.version}</dd>
          </>
        )}
        <dt>{t('corpusQuotes')}</dt>
        <dd data-corpus="quotes">{corpus.quoteCount}</dd>
        {corpus.documentCount !== undefined && (
          <>
            <dt>{t('corpusDocuments')}</dt>
            <dd data-corpus="documents">{corpus.documentCount}</dd>
          </>
        )}
        {corpus.builtAt !== undefined && (
          <>
            <dt>{t('corpusBuilt')}</dt>
            <dd data-corpus="built">
              <time dateTime={corpus.builtAt}>{formatBuildDate(corpus.builtAt)}</time>
            </dd>
          </>
        )}
        {corpus.sha256 !== undefined && (
          <>
            <dt>SHA-256</dt>
            <dd data-corpus="sha256">
              <HashValue hash={corpus.sha256} copy={copy} />
            </dd>
          </>
        )}
      </dl>
    </>
  );
}

function HashValue({ hash, copy }: { hash: string; copy: (text: string) => Promise<boolean> }) {
  const [notice, setNotice] = useState<'' | 'copied' | 'failed'>('');
  const onCopy = () => {
    void copy(hash).then((ok) => {
      setNotice(ok ? 'copied' : 'failed');
      setTimeout(() => setNotice(''), COPIED_NOTICE_MS);
    });
  };
  return (
    <span class="qv-popup__hash">
      <code title={hash} data-full-hash={hash}>
        {hash.slice(0, SHORT_HASH_DIGITS)}…
      </code>{' '}
      <button type="button" class="qv-popup__copy" onClick={onCopy} aria-label={t('hashCopyLabel')}>
        {t(notice === '' ? 'hashCopy' : notice === 'copied' ? 'hashCopied' : 'hashCopyFailed')}
      </button>
      <span class="qv-visually-hidden" role="status">
        {notice === 'copied' ? t('hashCopiedStatus') : notice === 'failed' ? t('hashCopyFailed') : ''}
      </span>
    </span>
  );
}
