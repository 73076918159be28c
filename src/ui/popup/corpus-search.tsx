/**
 * The corpus search box: a labelled search field, debounced, whose results list
 * the corpus wording, the speaker, the date (never more precise than the corpus
 * says) and the source, linked. Props only: `search` is the background's answer
 * (src/platform/panel-messaging.ts requestSearch).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SearchHit, SearchResponse } from '../../platform/messages';
import { formatStatementDate } from '../format';
import { safeHref } from '../citation';
import { formatCount, t } from '../i18n';

/** Wait this long after the last keystroke: one search per pause in typing, not one per letter. */
export const SEARCH_DEBOUNCE_MS = 200;

/** Below this many characters nothing is asked (the background would answer nothing anyway). */
const MIN_QUERY_CHARS = 2;

export interface CorpusSearchProps {
  search: (query: string) => Promise<SearchResponse>;
  /** For tests; default SEARCH_DEBOUNCE_MS. */
  debounceMs?: number;
}

type SearchState =
  | { status: 'idle' }
  | { status: 'searching'; query: string }
  | { status: 'done'; query: string; hits: SearchHit[]; refused?: string }
  | { status: 'error'; query: string; message: string };

export function CorpusSearch({ search, debounceMs = SEARCH_DEBOUNCE_MS }: CorpusSearchProps) {
  const [query, setQuery] = useState('');
  const [state, setState] = useState<SearchState>({ status: 'idle' });
  // Answers can arrive out of order; only the latest query's answer is shown.
  const latest = useRef(0);

  useEffect(() => {
    const q = query.trim();
    const ticket = ++latest.current;
    if (q.length < MIN_QUERY_CHARS) {
      setState({ status: 'idle' });
      return undefined;
    }
    const timer = setTimeout(() => {
      setState({ status: 'searching', query: q });
      search(q).then(
        (answer) => {
          if (ticket !== latest.current) return;
          setState({ status: 'done', query: q, hits: answer.hits, ...(answer.corpus.ok ? {} : { refused: answer.corpus.error }) });
        },
        (error: unknown) => {
          if (ticket !== latest.current) return;
          setState({ status: 'error', query: q, message: error instanceof Error ? error.message : String(error) });
        },
      );
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [query, search, debounceMs]);

  return (
    <section aria-labelledby="qv-search" class="qv-popup__search">
      <h2 id="qv-search">{t('searchHeading')}</h2>
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <label for="qv-search-input" class="qv-popup__search-label">
          {t('searchLabel')}
        </label>
        <input
          id="qv-search-input"
          type="search"
          class="qv-popup__search-input"
          autocomplete="off"
          spellcheck={false}
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
          aria-describedby="qv-search-status"
        />
      </form>
      <p id="qv-search-status" class="qv-popup__search-status" role="status" aria-live="polite">
        {statusText(state)}
      </p>
      {state.status === 'done' && state.hits.length > 0 && (
        <ol class="qv-popup__hits" aria-label={t('searchHitsLabel', state.query)}>
          {state.hits.map((h) => (
            <SearchHitRow key={h.quoteId} hit={h} />
          ))}
        </ol>
      )}
    </section>
  );
}

function statusText(state: SearchState): string {
  switch (state.status) {
    case 'idle':
      return '';
    case 'searching':
      return t('searchSearching');
    case 'error':
      return state.message;
    case 'done':
      if (state.refused !== undefined) return t('searchRefused', state.refused);
      if (state.hits.length === 0) return t('searchNone', state.query);
      return state.hits.length === 1 ? t('searchFoundOne') : t('searchFound', formatCount(state.hits.length));
  }
}

function SearchHitRow({ hit }: { hit: SearchHit }) {
  // Only http(s) links, as on the card: a corpus URL is data, not a script to run.
  const href = safeHref(hit.source.url);
  return (
    <li class="qv-popup__hit" data-search-quote-id={hit.quoteId} data-matched={hit.matched}>
      <q class="qv-popup__wording">{hit.text}</q>
      <span class="qv-popup__meta">
        {hit.speaker}
        {hit.speakerRole !== undefined ? ` (${hit.speakerRole})` : ''}, {formatStatementDate(hit.date, hit.datePrecision)}
      </span>
      <span class="qv-popup__source">
        {href !== undefined ? (
          // The source opens in a new tab: the popup would close on navigation, and the
          // opened page must get no handle on this extension page (noopener).
          <a href={href} target="_blank" rel="noopener noreferrer">
            {hit.source.title}
          </a>
        ) : (
          hit.source.title
        )}
        {hit.source.publisher !== undefined ? ` — ${hit.source.publisher}` : ''}
      </span>
    </li>
  );
}
