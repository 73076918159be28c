/**
 * The card that explains one quotation: what was really said, by whom, when,
 * and where it was reported. Props only: the caller (src/page in a shadow
 * root, or the popup) owns messaging, clipboard and mounting.
 *
 * Every piece of page or corpus text is rendered as a JSX text node, so a
 * page cannot inject markup into the card. Links are http(s) only.
 *
 * Mounting: the caller puts the stylesheet (./quote-card.css, imported `?inline`
 * by entrypoints/card-ui.tsx) in the card's shadow root next to the mount.
 * Unmount with `render(null, container)` so focus returns to the page.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Quote, Source } from '../corpus/schema';
import type { Finding, Verdict } from '../match/types';
import type { CorpusStatus } from '../platform/messages';
import { buildCitation, safeHref } from './citation';
import { describeTimeBefore, formatStatementDate, parsePartialDate } from './format';
import { verdictCssVariables, VERDICTS } from '../match/verdicts';
import { t } from './i18n';
import { FLAG_TEXT, MEANING_FLAGS } from './labels';
import { PageVersionView, SaidView } from './diff-view';
import { meaningSummary } from './meaning-text';
import { placeCard, type Placement, type Rect, type Size } from './position';
import { wordingText } from '../match/wordings';
import { WordingNote } from './wording-note';

export interface CardBaseProps {
  corpus: CorpusStatus;
  /** The page's own publication date (ISO), for "said N days before this page". */
  pagePublished?: string;
  onClose(): void;
  /** Called with the citation text; a returned promise's outcome is announced ("Citation copied"). */
  onCopyCitation(text: string): void | Promise<unknown>;
  /** Viewport rectangle of the quotation; with `viewport`, the card floats next to it. Omit to render in flow. */
  anchor?: Rect;
  viewport?: Size;
  /** Return focus to what had it when the card opened. Default true. */
  restoreFocus?: boolean;
  /** The extension's UI language (BCP 47), for the card's `lang`; default English. */
  lang?: string;
  /** The build's (newsroom's) name from its build info: the card says who checked. */
  buildName?: string;
}

export interface FindingCardProps extends CardBaseProps {
  finding: Finding;
  /** The corpus record the finding names (ScanResponse.quotes[finding.quoteId]). */
  quote: Quote | undefined;
  /** Other reports of the same quotation; by default the quote's sources after the first. */
  otherSources?: Source[];
  lookup?: undefined;
  hint?: undefined;
}

/** A fact-checker's selection ("Verify quotation"): a LookupResponse plus the selected text. */
export interface LookupView {
  selection: string;
  best?: Finding;
  nearest: { quoteId: string; score: number }[];
  quotes: Record<string, Quote>;
}

export interface LookupCardProps extends CardBaseProps {
  lookup: LookupView;
  finding?: undefined;
  hint?: undefined;
}

/** "Verify quotation" with nothing selected: how to use it. */
export interface HintCardProps extends CardBaseProps {
  /** The keyboard shortcut the reader pressed, as the browser names it ("Alt+Shift+V"). */
  hint: { shortcut: string };
  finding?: undefined;
  lookup?: undefined;
}

export type QuoteCardProps = FindingCardProps | LookupCardProps | HintCardProps;

/** Longest selection echoed back in a "not in the corpus" card; the rest is elided so the card stays small. */
const MAX_ECHOED_SELECTION = 280;
/** Candidates listed when a selection matches nothing: enough to spot a misremembered quote. */
const MAX_NEAREST_SHOWN = 3;

type Tone = Verdict | 'refused' | 'hint';

const VERDICT_VARIABLES = verdictCssVariables();

/**
 * The corpus's quotations are English (src/text/english is the matcher's
 * language): the wording carries its own lang, whatever the page's or the
 * card's is, so the browser picks fonts and hyphenation for it.
 */
const QUOTE_LANG = 'en';

export function QuoteCard(props: QuoteCardProps) {
  const titleId = useId();
  const descId = useId();
  const ref = useRef<HTMLDivElement>(null);
  // The how-to note hangs from a point at the top centre of the page: centred on it.
  const placement = useFloating(ref, props.anchor, props.viewport, !!props.hint);
  const contentKey = props.hint
    ? 'hint'
    : props.lookup
    ? `lookup:${props.lookup.selection}`
    : `finding:${props.finding.quoteId ?? ''}:${props.finding.start}:${props.finding.end}:${props.finding.text}`;
  useFocusHandover(ref, props.restoreFocus ?? true, contentKey);

  let tone: Tone;
  let body: ComponentChildren;
  if (props.hint) {
    tone = 'hint';
    body = (
      <>
        <p id={descId} class="qv-summary">
          {t('hintNothingSelected')}
        </p>
        <p class="qv-hint">{t('hintText', props.hint.shortcut, t('menuVerifyQuotation'))}</p>
      </>
    );
  } else if (!props.corpus.ok) {
    tone = 'refused';
    body = (
      <p id={descId} class="qv-summary">
        {t('cardCorpusRefused', props.corpus.error)}
      </p>
    );
  } else if (props.lookup) {
    const { best } = props.lookup;
    if (best) {
      tone = best.verdict;
      const quote = best.quoteId ? props.lookup.quotes[best.quoteId] : undefined;
      body = (
        <>
          <FindingBody descId={descId} finding={best} quote={quote} corpusName={props.corpus.name} pagePublished={props.pagePublished} onCopyCitation={props.onCopyCitation} />
          <Candidates lookup={props.lookup} exclude={best.quoteId} title={t('cardOtherMatches')} />
        </>
      );
    } else {
      tone = 'unverified';
      body = (
        <>
          <p id={descId} class="qv-summary">
            {t('cardSelectionNotInCorpus', props.corpus.name)}
          </p>
          <blockquote class="qv-wording qv-selection">{elide(props.lookup.selection, MAX_ECHOED_SELECTION)}</blockquote>
          <Candidates lookup={props.lookup} title={t('cardNearest')} />
        </>
      );
    }
  } else {
    tone = props.finding.verdict;
    body = (
      <FindingBody
        descId={descId}
        finding={props.finding}
        quote={props.quote}
        otherSources={props.otherSources}
        corpusName={props.corpus.name}
        pagePublished={props.pagePublished}
        onCopyCitation={props.onCopyCitation}
      />
    );
  }

  // The verdicts' colours and lines come from the VERDICTS table, as custom properties the stylesheet reads.
  const style = {
    ...VERDICT_VARIABLES,
    ...(placement
      ? { top: `${placement.top}px`, left: `${placement.left}px`, ...(placement.maxHeight ? { maxHeight: `${placement.maxHeight}px` } : {}) }
      : {}),
  };

  return (
    <div
      ref={ref}
      class={`qv-card qv-tone-${tone}${props.anchor && props.viewport ? ' qv-floating' : ''}`}
      data-verdict={tone}
      data-side={placement?.side}
      style={style}
      // Its own direction and language: a right-to-left or other-language page must not mirror the card or change its font.
      dir="ltr"
      lang={props.lang ?? 'en'}
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      aria-describedby={descId}
      tabIndex={-1}
      onKeyDown={(e) => onCardKeyDown(e, ref.current, props.onClose)}
    >
      <header class="qv-head">
        <h2 id={titleId} class="qv-verdict">
          <VerdictIcon tone={tone} />
          <span class="qv-sr">{t('cardSrPrefix')}</span>
          <span class="qv-verdict-word">
            {t(tone === 'hint' ? 'hintTitle' : tone === 'refused' ? 'verdictRefused' : unjudgedRendering(props) ? 'verdictNotVerified' : VERDICTS[tone].message)}
          </span>
        </h2>
        <button type="button" class="qv-close" aria-label={t('cardClose')} title={t('cardCloseTitle')} onClick={() => props.onClose()}>
          <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d="M4 4l8 8M12 4l-8 8" />
          </svg>
        </button>
      </header>
      <div class="qv-body">{body}</div>
      {/* The page can cover or remove this card, and repaint its highlights; the toolbar popup is out of its reach. */}
      {tone !== 'hint' && (
        <p class="qv-trust">
          {props.buildName ? `${t('cardBuild', props.buildName)} ` : ''}
          {t('cardTrust')}
        </p>
      )}
    </div>
  );
}

interface FindingBodyProps {
  descId: string;
  finding: Finding;
  quote: Quote | undefined;
  otherSources?: Source[];
  corpusName: string;
  pagePublished?: string;
  onCopyCitation(text: string): void | Promise<unknown>;
}

function FindingBody({ descId, finding, quote, otherSources, corpusName, pagePublished, onCopyCitation }: FindingBodyProps) {
  if (!quote) {
    return (
      <>
        <p id={descId} class="qv-summary">
          {finding.verdict === 'unverified'
            ? t('cardQuoteNotInCorpus', corpusName)
            : t('cardRecordMissing')}
        </p>
        <blockquote class="qv-wording">{finding.text}</blockquote>
      </>
    );
  }

  const [primary, ...rest] = quote.sources;
  const others = otherSources ?? rest;
  const changed = finding.diff.some((d) => d.op !== 'equal');
  const meaningFlags = finding.flags.filter((f) => MEANING_FLAGS.includes(f));
  const noteFlags = finding.flags.filter((f) => !MEANING_FLAGS.includes(f));
  const before = pagePublished ? describeTimeBefore(quote.date, quote.datePrecision, pagePublished) : undefined;
  const primaryHref = safeHref(primary?.fragmentUrl) ?? safeHref(primary?.url);

  return (
    <>
      <p id={descId} class="qv-summary">
        {summaryFor(finding, quote)}
      </p>

      <section class="qv-section" aria-labelledby={`${descId}-said`}>
        <h3 id={`${descId}-said`} class="qv-label">
          {changed ? t('cardWhatSpeakerSaid', quote.speaker.name) : t('cardWhatWasSaid')}
        </h3>
        <blockquote class={changed ? 'qv-wording qv-said' : 'qv-wording'} lang={finding.wording?.lang ?? QUOTE_LANG} dir="auto">
          {changed ? <SaidView diff={finding.diff} /> : wordingText(quote, finding.wording)}
        </blockquote>
      </section>
      <WordingNote finding={finding} quote={quote} />

      {/* The essentials end here: placement keeps everything up to this list on screen (useFloating). */}
      <dl class="qv-facts" data-essential-end="">
        <dt>{t('cardSpeaker')}</dt>
        <dd class="qv-speaker">
          <strong>{quote.speaker.name}</strong>
          {quote.speaker.role ? `, ${quote.speaker.role}` : ''}
        </dd>
        <dt>{t('cardDate')}</dt>
        <dd class="qv-date">
          <time dateTime={quote.date}>{formatStatementDate(quote.date, quote.datePrecision)}</time>
          {quote.dateBasis === 'published' ? (
            <span class="qv-note">{t('cardDatePublished')}</span>
          ) : (
            <span class="qv-note">{t('cardDateStatement')}</span>
          )}
          {before ? <span class="qv-before"> · {before}</span> : null}
        </dd>
        {primary && (
          <>
            <dt>{t('cardSource')}</dt>
            <dd class="qv-source">
              <SourceLink source={primary} href={primaryHref} />
            </dd>
          </>
        )}
      </dl>

      {changed && (
        <section class="qv-section" aria-labelledby={`${descId}-page`}>
          <h3 id={`${descId}-page`} class="qv-label qv-label-page">
            {t('cardPageVersion')}
          </h3>
          <blockquote class="qv-wording qv-page-version" lang={QUOTE_LANG} dir="auto">
            <PageVersionView diff={finding.diff} />
          </blockquote>
          <p class="qv-legend" aria-hidden="true">
            <strong class="qv-truth">{t('cardLegendTruth')}</strong>
            {t('cardLegendTruthText')}
            <em class="qv-invented">{t('cardLegendInvented')}</em>
            {t('cardLegendInventedText')}
          </p>
          {(finding.flags.includes('excerpt') || finding.flags.includes('ellipsis')) && (
            <details class="qv-full">
              <summary>{t('cardFullStatement')}</summary>
              <p lang={QUOTE_LANG}>{quote.text}</p>
            </details>
          )}
        </section>
      )}

      {meaningFlags.length > 0 && (
        <section class="qv-section qv-flags qv-flags-meaning" aria-labelledby={`${descId}-meaning`}>
          <h3 id={`${descId}-meaning`} class="qv-label">
            {t('cardMeaningHeading')}
          </h3>
          <ul>
            {meaningFlags.map((f) => (
              <li key={f} data-flag={f}>
                <strong>{t(FLAG_TEXT[f].label)}.</strong> {t(FLAG_TEXT[f].explanation)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {noteFlags.length > 0 && (
        <ul class="qv-flags qv-flags-note" aria-label={t('cardNotes')}>
          {noteFlags.map((f) => (
            <li key={f} data-flag={f}>
              <strong>{t(FLAG_TEXT[f].label)}.</strong> {t(FLAG_TEXT[f].explanation)}
            </li>
          ))}
        </ul>
      )}

      <p class="qv-provenance">
        {quote.review?.state === 'approved' && quote.review.reviewer && quote.review.at && parsePartialDate(quote.review.at)
          ? t('cardProvenanceApproved', corpusName, quote.review.reviewer, formatStatementDate(quote.review.at.slice(0, 10), 'day'))
          : t('cardProvenance', corpusName)}
      </p>

      {quote.context && (
        <details class="qv-context" open>
          <summary>{t('cardContext')}</summary>
          <p>{quote.context}</p>
        </details>
      )}

      {others.length > 0 && (
        <section class="qv-section" aria-labelledby={`${descId}-others`}>
          <h3 id={`${descId}-others`} class="qv-label">
            {t('cardAlsoReported')}
          </h3>
          <ul class="qv-others">
            {others.map((s) => (
              <li key={s.docId}>
                <SourceLink source={s} href={safeHref(s.fragmentUrl) ?? safeHref(s.url)} />
              </li>
            ))}
          </ul>
        </section>
      )}

      <CopyCitation text={buildCitation(quote, primary)} onCopy={onCopyCitation} />
    </>
  );
}

function summaryFor(finding: Finding, quote: Quote): string {
  switch (finding.verdict) {
    case 'verified':
      return finding.flags.includes('excerpt') || finding.flags.includes('ellipsis')
        ? t('summaryExcerpt', quote.speaker.name)
        : t('summaryExact', quote.speaker.name);
    case 'altered': {
      // A change of meaning leads, in words; the similarity percentage would play it down.
      const lead = meaningSummary(finding.callouts);
      if (lead) return lead;
      if (finding.flags.includes('homoglyph')) {
        return t('summaryHomoglyph', quote.speaker.name);
      }
      return t('summaryAltered', quote.speaker.name, Math.round(finding.score * 100));
    }
    case 'misattributed':
      return finding.attributedTo
        ? t('summaryMisattributed', finding.attributedTo, quote.speaker.name)
        : t('summaryMisattributedSomeone', quote.speaker.name);
    case 'variant':
      return t('summaryVariant', quote.speaker.name);
    case 'unverified':
      // A quote id on an unverified finding: the background could not judge how the page draws it (src/match/unjudged.ts).
      return finding.flags.includes('rendering') ? t('summaryUnjudged', quote.speaker.name) : t('summaryUnverified');
  }
}

/** A finding the background would have verified but could not judge as drawn: not "not in the corpus". */
function unjudgedRendering(props: { finding?: Finding; lookup?: unknown }): boolean {
  return !props.lookup && props.finding?.verdict === 'unverified' && props.finding.flags.includes('rendering');
}

function SourceLink({ source, href }: { source: Source; href: string | undefined }) {
  const title = href ? (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {source.title}
    </a>
  ) : (
    <cite>{source.title}</cite>
  );
  return (
    <>
      {title}
      {source.publisher ? `, ${source.publisher}` : ''}
      {source.published ? ` (${formatStatementDate(source.published)})` : ''}
    </>
  );
}

function Candidates({ lookup, exclude, title }: { lookup: LookupView; exclude?: string; title: string }) {
  const shown = lookup.nearest.filter((n) => n.quoteId !== exclude && lookup.quotes[n.quoteId]).slice(0, MAX_NEAREST_SHOWN);
  if (shown.length === 0) return null;
  return (
    <section class="qv-section qv-candidates">
      <h3 class="qv-label">{title}</h3>
      <ol>
        {shown.map((n) => {
          const q = lookup.quotes[n.quoteId]!;
          const href = safeHref(q.sources[0]?.fragmentUrl) ?? safeHref(q.sources[0]?.url);
          return (
            <li key={n.quoteId}>
              <q>{q.text}</q>
              <span class="qv-candidate-meta">
                {' — '}
                {q.speaker.name}, {formatStatementDate(q.date, q.datePrecision)}
                {' · '}
                {t('cardSimilar', Math.round(n.score * 100))}
                {href ? (
                  <>
                    {' · '}
                    <a href={href} target="_blank" rel="noopener noreferrer">
                      {t('cardSourceLink')}
                    </a>
                  </>
                ) : null}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function CopyCitation({ text, onCopy }: { text: string; onCopy(text: string): void | Promise<unknown> }) {
  const [status, setStatus] = useState('');
  const copy = () => {
    const result = onCopy(text);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then(
        () => setStatus(t('cardCitationCopied')),
        () => setStatus(t('cardCitationFailed')),
      );
    } else {
      setStatus(t('cardCitationCopied'));
    }
  };
  return (
    <footer class="qv-foot">
      <button type="button" class="qv-button" onClick={copy}>
        {t('cardCopyCitation')}
      </button>
      <span class="qv-status" role="status" aria-live="polite">
        {status}
      </span>
    </footer>
  );
}

/** The verdict's icon from the VERDICTS table; "cannot check" (no corpus) has its own. */
function VerdictIcon({ tone }: { tone: Tone }) {
  const icon = tone === 'refused' ? REFUSED_ICON : tone === 'hint' ? HINT_ICON : VERDICTS[tone].icon;
  return (
    <svg class="qv-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      {icon.shape === 'triangle' ? (
        <path class="qv-icon-shape" d="M8 1.8l6.6 11.7H1.4z" />
      ) : icon.shape === 'diamond' ? (
        <path class="qv-icon-shape" d="M8 1.2l6.8 6.8L8 14.8 1.2 8z" />
      ) : (
        <circle class="qv-icon-shape" cx="8" cy="8" r="6.6" />
      )}
      {icon.paths.map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}

const REFUSED_ICON = { shape: 'circle', paths: ['M4.5 11.5l7-7'] } as const;
/** An "i": information, no verdict. */
const HINT_ICON = { shape: 'circle', paths: ['M8 7v4.5', 'M8 4.6v.2'] } as const;

function elide(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Below the essentials: the card's bottom padding, so the source link does not touch the edge. */
const ESSENTIAL_PADDING = 14;

/** Floating placement: measure the rendered card, then keep it inside the viewport next to its anchor. */
function useFloating(ref: { current: HTMLElement | null }, anchor: Rect | undefined, viewport: Size | undefined, centred = false): Placement | undefined {
  const [placement, setPlacement] = useState<Placement | undefined>(undefined);
  const key = anchor && viewport ? [anchor.top, anchor.left, anchor.width, anchor.height, viewport.width, viewport.height].join() : '';
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || !anchor || !viewport) {
      setPlacement(undefined);
      return;
    }
    // Measure at natural height: a previous maxHeight would otherwise stick.
    const previous = el.style.maxHeight;
    el.style.maxHeight = '';
    const size = { width: el.offsetWidth, height: el.scrollHeight || el.offsetHeight };
    // The essentials (verdict to source link) must be on screen without scrolling inside the card.
    const end = el.querySelector<HTMLElement>('[data-essential-end]');
    const essential = end ? end.getBoundingClientRect().bottom - el.getBoundingClientRect().top + ESSENTIAL_PADDING : 0;
    el.style.maxHeight = previous;
    const from = centred ? { ...anchor, left: anchor.left + anchor.width / 2 - size.width / 2 } : anchor;
    setPlacement(placeCard(from, size, viewport, essential));
    // `key` captures anchor and viewport by value, so a new but equal rectangle does not re-place the card.
  }, [key]);
  return placement;
}

/**
 * Focus moves into the card when it opens (so Escape and Tab work at once)
 * and back to what had it when the card closes, if that is still on the page.
 * When the same card is re-rendered with another quotation (next finding),
 * focus moves to the card again so a screen reader announces the new verdict;
 * it still returns to the original element at the end.
 */
function useFocusHandover(ref: { current: HTMLElement | null }, restore: boolean, contentKey: string) {
  const previous = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    previous.current = el.ownerDocument.activeElement as HTMLElement | null;
    return () => {
      const back = previous.current;
      if (restore && back && back.isConnected && typeof back.focus === 'function') back.focus({ preventScroll: true });
    };
    // Once per card: `restore` is read when the card closes.
  }, []);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, [contentKey]);
}

const FOCUSABLE = 'a[href], button:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/**
 * Escape closes. Tab cycles within the card while focus is in it: the card's
 * shadow host sits at the end of the page, so tabbing out would land far
 * from the quotation. Escape is the way out, and the card is not modal: the
 * page stays usable with the mouse.
 */
function onCardKeyDown(e: KeyboardEvent, card: HTMLElement | null, onClose: () => void) {
  if (!card) return;
  if (e.key === 'Escape') {
    // The Escape was meant for the card: keep the page's own Escape handlers (closing its own dialogs) out of it.
    e.stopPropagation();
    e.preventDefault();
    onClose();
    return;
  }
  if (e.key !== 'Tab') return;
  const items = Array.from(card.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => !el.closest('details:not([open]) > :not(summary)'));
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  const root = card.getRootNode() as Document | ShadowRoot;
  const active = root.activeElement;
  if (e.shiftKey && (active === first || active === card)) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && active === last) {
    e.preventDefault();
    first.focus();
  }
}
