/**
 * The first-run page (opened once, when the extension is installed): what the
 * extension does, what its corpus covers (the branded corpus name, how many
 * quotations, whose, from when) and that "not in the corpus" does not mean false,
 * then how to use it. Props only: entrypoints/welcome/main.tsx asks the background
 * for the corpus status and the browser for the shortcut.
 */
import type { CorpusStatus } from '../../platform/messages';
import { CorpusScopeLine } from '../popup/corpus-info';
import { formatCount, t } from '../i18n';
import '../palette.css';
import './welcome.css';

export interface WelcomeViewProps {
  /** The build's (newsroom's) name. */
  name: string;
  /** Undefined while the background is asked. */
  corpus: CorpusStatus | undefined;
  /** The "Verify quotation" shortcut as the browser names it. */
  shortcut: string;
  /** Opens the options page. */
  onOpenSettings?: () => void;
}

export function WelcomeView({ name, corpus, shortcut, onOpenSettings }: WelcomeViewProps) {
  return (
    <main class="qv-welcome">
      <h1>{t('welcomeTitle', name)}</h1>
      <p>{t('welcomeIntro', name)}</p>
      <section aria-labelledby="qv-welcome-covers">
        <h2 id="qv-welcome-covers">{t('welcomeCoversHeading')}</h2>
        {corpus === undefined ? (
          <p role="status">{t('welcomeLoading')}</p>
        ) : corpus.ok ? (
          <>
            <p data-corpus="name">
              {t('welcomeCorpusName', corpus.version === undefined ? corpus.name : `${corpus.name} ${corpus.version}`)}
              {' · '}
              {t('corpusQuotes')}: <span data-corpus="quotes">{formatCount(corpus.quoteCount)}</span>
            </p>
            <CorpusScopeLine corpus={corpus} />
          </>
        ) : (
          <p role="alert" class="qv-welcome__refused">
            {t('corpusRefusedOther')}: {corpus.error}
          </p>
        )}
      </section>
      <section aria-labelledby="qv-welcome-false">
        <h2 id="qv-welcome-false">{t('welcomeNotFalseHeading')}</h2>
        <p>{t('scopeNotFalse')}</p>
      </section>
      <section aria-labelledby="qv-welcome-how">
        <h2 id="qv-welcome-how">{t('welcomeHowHeading')}</h2>
        <ul>
          <li>{t('welcomeHowMarks')}</li>
          <li>
            {t('welcomeHowSelect', shortcut, t('menuVerifyQuotation'))}
          </li>
          <li>{t('welcomeHowPopup')}</li>
        </ul>
        {onOpenSettings && (
          <p>
            <button type="button" class="qv-welcome__settings" onClick={onOpenSettings}>
              {t('settingsButton')}
            </button>
          </p>
        )}
      </section>
    </main>
  );
}
