/**
 * The toolbar popup's view: a tab's finding counts, its findings list and the
 * corpus it was checked against. Props only; entrypoints/popup/main.tsx fetches
 * the data and says what a click does. Page wording is rendered as text
 * (Preact escapes it), never as markup: the page chose those words.
 *
 * Automation contract (issue 5, section 3): each finding row carries
 * `data-verdict` and `data-quote-id` (the corpus id) and its text contains the
 * page's wording.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Verdict } from '../../match/types';
import type { ReportedFinding, SearchResponse, TabFindingsResponse } from '../../platform/messages';
import { formatStatementDate } from '../format';
import { verdictCssVariables, VERDICTS } from '../../match/verdicts';
import { formatCount, t } from '../i18n';
import { meaningSummary } from '../meaning-text';
import { FLAG_TEXT } from '../labels';
import { SaidView } from '../diff-view';
import { CorpusInfo } from './corpus-info';
import { CorpusSearch } from './corpus-search';
import '../palette.css';
import './popup.css';

/** Order of the counts and of the verdict legend: problems first, since they need the reader. */
const VERDICT_ORDER: readonly Verdict[] = ['altered', 'misattributed', 'verified', 'variant', 'unverified'];

/**
 * Rows drawn at first, and added each time the reader scrolls to the end or asks for
 * more: a page of 20,000 quotations must not make the popup draw 20,000 rows before it
 * shows anything (42-60 s before; the first screen now comes with the first 100).
 */
export const POPUP_ROWS_PAGE = 100;

/** The verdicts' colours and lines (VERDICTS), as custom properties popup.css reads. */
const VERDICT_VARIABLES = verdictCssVariables();

export type PopupFinding = ReportedFinding & { frameId?: number; index?: number };

export type PopupState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; data: Omit<TabFindingsResponse, 'findings'> & { findings: PopupFinding[] } };

export interface PopupViewProps {
  state: PopupState;
  /** The reader chose a finding: show it in the page. */
  onOpen?: (finding: PopupFinding) => void;
  /** Under the title: the "Pause on this site" switch (site-pause.tsx). */
  site?: ComponentChildren;
  /** At the end: the way to the options page (site-pause.tsx SettingsButton). */
  footer?: ComponentChildren;
  /** Searches the whole corpus; without it there is no search box. */
  search?: (query: string) => Promise<SearchResponse>;
  /** The page's heading; the side panel says it is the side panel. */
  title?: string;
  /** `panel`: the side panel, as wide as the browser makes it. */
  variant?: 'popup' | 'panel';
  /** Opens the side panel (popup only, where the browser allows it). */
  onOpenPanel?: () => void;
  /** Firefox calls its side panel the sidebar: the words follow the browser. */
  panelWord?: 'side panel' | 'sidebar';
  /** The build's brand colour (#rrggbb): a band above the heading. */
  brandColor?: string;
}

export function PopupView({ state, onOpen, site, footer, search, title = 'Quote Verifier', variant = 'popup', onOpenPanel, panelWord = 'side panel', brandColor }: PopupViewProps) {
  return (
    <main
      class={variant === 'panel' ? 'qv-popup qv-popup--panel' : 'qv-popup'}
      style={{ ...VERDICT_VARIABLES, ...(brandColor && /^#[0-9a-fA-F]{6}$/.test(brandColor) ? { '--qv-brand': brandColor } : {}) }}
    >
      <div class="qv-popup__header">
        <h1 class="qv-popup__title">{title}</h1>
        {onOpenPanel && (
          <button type="button" class="qv-popup__panel-button" onClick={onOpenPanel}>
            {t(panelWord === 'sidebar' ? 'popupOpenSidebar' : 'popupOpenPanel')}
          </button>
        )}
      </div>
      {site}
      {/* A refused corpus comes first: every verdict below depends on it. */}
      {state.status === 'ready' && !state.data.corpus.ok && <CorpusInfo corpus={state.data.corpus} />}
      {state.status === 'loading' && <p role="status">{t('popupLoading')}</p>}
      {state.status === 'error' && (
        <p role="alert" class="qv-popup__error">
          {state.message}
        </p>
      )}
      {state.status === 'ready' && <Ready data={state.data} onOpen={onOpen} />}
      {search && <CorpusSearch search={search} />}
      {state.status === 'ready' && state.data.corpus.ok && <CorpusInfo corpus={state.data.corpus} />}
      {footer}
    </main>
  );
}

function Ready({ data, onOpen }: { data: Extract<PopupState, { status: 'ready' }>['data']; onOpen?: (f: PopupFinding) => void }) {
  return (
    <>
      <section aria-labelledby="qv-counts">
        <h2 id="qv-counts">{t('popupOnThisPage')}</h2>
        <ul class="qv-popup__counts">
          {VERDICT_ORDER.map((v) => (
            <li key={v} data-count-verdict={v} class={`qv-popup__count qv-verdict--${v}`}>
              <span aria-hidden="true">{VERDICTS[v].glyph} </span>
              {t(VERDICTS[v].message)}: <strong>{data.counts[v]}</strong>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="qv-findings">
        <h2 id="qv-findings">{t('popupQuotations')}</h2>
        {data.limit?.findings !== undefined && (
          <p class="qv-popup__limit" role="note">
            {t('popupLimitFindings', formatCount(data.limit.findings))}
          </p>
        )}
        {data.limit?.characters !== undefined && (
          <p class="qv-popup__limit" role="note">
            {t('popupLimitCharacters', formatCount(data.limit.characters))}
          </p>
        )}
        {data.findings.length === 0 ? (
          <p>{t('popupNoQuotations')}</p>
        ) : (
          <FindingRows findings={data.findings} onOpen={onOpen} />
        )}
      </section>
    </>
  );
}

/** The rows, POPUP_ROWS_PAGE at a time: more when the end of the list scrolls into view, or on the button. */
function FindingRows({ findings, onOpen }: { findings: PopupFinding[]; onOpen?: (f: PopupFinding) => void }) {
  const [shown, setShown] = useState(POPUP_ROWS_PAGE);
  const more = useRef<HTMLButtonElement>(null);
  const count = Math.min(shown, findings.length);
  useEffect(() => {
    const button = more.current;
    if (!button || typeof IntersectionObserver !== 'function') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setShown((n) => n + POPUP_ROWS_PAGE);
    });
    observer.observe(button);
    return () => observer.disconnect();
  }, [count]);
  return (
    <>
      <ol class="qv-popup__findings">
        {findings.slice(0, count).map((f, i) => (
          <FindingRow key={`${f.frameId ?? 0}:${f.index ?? i}`} finding={f} onOpen={onOpen} />
        ))}
      </ol>
      {count < findings.length && (
        <button type="button" ref={more} class="qv-popup__more" onClick={() => setShown((n) => n + POPUP_ROWS_PAGE)}>
          {t('popupShowMore', formatCount(count), formatCount(findings.length))}
        </button>
      )}
    </>
  );
}

function FindingRow({ finding, onOpen }: { finding: PopupFinding; onOpen?: (f: PopupFinding) => void }) {
  const meta = (
    <>
      {finding.speaker}
      {finding.speaker !== undefined && finding.date !== undefined ? ', ' : ''}
      {finding.date !== undefined ? formatStatementDate(finding.date, finding.datePrecision) : ''}
    </>
  );
  const hasMeta = finding.speaker !== undefined || finding.date !== undefined;
  // An altered row cites what was said, never the page's doctored wording under the speaker's name.
  const altered = finding.verdict === 'altered' && finding.diff?.some((d) => d.op !== 'equal');
  const lead = altered ? meaningSummary(finding.callouts) : undefined;
  const body = altered ? (
    <>
      <span class={`qv-popup__verdict qv-verdict--${finding.verdict}`}>
        <span aria-hidden="true">{VERDICTS[finding.verdict].glyph} </span>
        {t(VERDICTS[finding.verdict].message)}
      </span>
      {lead && <span class="qv-popup__lead">{lead}</span>}
      <span class="qv-popup__said">
        <span class="qv-popup__said-label">{t('rowSaid')}</span>
        <q class="qv-popup__wording">
          <SaidView diff={finding.diff!} />
        </q>
        {hasMeta && <span class="qv-popup__meta"> — {meta}</span>}
      </span>
      <span class="qv-popup__page">
        {t('rowOnThisPage')}
        <q>{finding.text}</q>
      </span>
    </>
  ) : (
    <>
      <span class={`qv-popup__verdict qv-verdict--${finding.verdict}`}>
        <span aria-hidden="true">{VERDICTS[finding.verdict].glyph} </span>
        {finding.rendering && finding.verdict === 'unverified' ? t('verdictNotVerified') : t(VERDICTS[finding.verdict].message)}
      </span>
      {finding.rendering && (
        <span class="qv-popup__lead">
          {t(FLAG_TEXT.rendering.label)}: {t('rowRenderingNote')}.
        </span>
      )}
      <q class="qv-popup__wording">{finding.text}</q>
      {hasMeta && (
        <span class="qv-popup__meta">
          {meta}
          {finding.verdict === 'misattributed' && finding.attributedTo !== undefined && (
            <span class="qv-popup__credited">{t('rowCredited', finding.attributedTo)}</span>
          )}
        </span>
      )}
    </>
  );
  return (
    <li class="qv-popup__finding" data-verdict={finding.verdict} data-quote-id={finding.quoteId ?? ''}>
      {onOpen ? (
        // A real button: reachable by Tab, activated by Enter and Space.
        <button type="button" class="qv-popup__open" onClick={() => onOpen(finding)}>
          {body}
        </button>
      ) : (
        body
      )}
    </li>
  );
}
