/**
 * The options page (issue 5, section 4): auto-scan, unverified marks, highlight style and
 * the site lists. Props only: entrypoints/options/main.tsx reads and stores the settings.
 * Every change is handed up at once (there is no Save button); the status line, a live
 * region, says when it has been stored.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { HIGHLIGHT_STYLES, type HighlightStyle, type Settings } from '../../settings/settings';
import { SiteListField } from './site-list-field';
import '../palette.css';
import './options.css';
import { verdictCssVariables } from '../../match/verdicts';
import { t, tParts, type MessageKey } from '../i18n';

/** The verdicts' colours and lines (VERDICTS), for the highlight samples. */
const VERDICT_VARIABLES = verdictCssVariables();

export type SaveState = { status: 'idle' } | { status: 'saving' } | { status: 'saved' } | { status: 'error'; message: string };

export interface OptionsViewProps {
  /** Undefined while loading. */
  settings: Settings | undefined;
  save: SaveState;
  onChange: (next: Settings) => void;
  /** The newsroom's or extension's name, for the heading. */
  name?: string;
}

/** Each highlight style's words (message keys). */
const STYLE_TEXT: Record<HighlightStyle, { label: MessageKey; hint: MessageKey }> = {
  tinted: { label: 'optionsStyleTinted', hint: 'optionsStyleTintedHint' },
  underline: { label: 'optionsStyleUnderline', hint: 'optionsStyleUnderlineHint' },
  background: { label: 'optionsStyleBackground', hint: 'optionsStyleBackgroundHint' },
};

export function OptionsView({ settings, save, onChange, name = 'Quote Verifier' }: OptionsViewProps) {
  // Labels of the site lists that hold a bad line: their text is not saved until fixed.
  const [invalid, setInvalid] = useState<readonly string[]>([]);
  const onValidity = (label: string, valid: boolean) =>
    setInvalid((now) => (valid ? now.filter((l) => l !== label) : now.includes(label) ? now : [...now, label]));
  return (
    <main class="qv-options" style={VERDICT_VARIABLES}>
      <h1>{t('optionsTitle', name)}</h1>
      <p class="qv-options__status" role="status" aria-live="polite">
        {invalid.length > 0 ? t('optionsNotSavedFix', invalid.join('”, “')) : statusText(save)}
      </p>
      {settings === undefined ? <p>{t('optionsLoading')}</p> : <Form settings={settings} onChange={onChange} onValidity={onValidity} />}
    </main>
  );
}

function statusText(save: SaveState): string {
  if (save.status === 'saving') return t('optionsSaving');
  if (save.status === 'saved') return t('optionsSaved');
  if (save.status === 'error') return t('optionsNotSaved', save.message);
  return t('optionsIdle');
}

interface FormProps {
  settings: Settings;
  onChange: (next: Settings) => void;
  onValidity: (label: string, valid: boolean) => void;
}

function Form({ settings, onChange, onValidity }: FormProps) {
  const set = (patch: Partial<Settings>) => onChange({ ...settings, ...patch });
  return (
    <>
      <Section id="qv-scanning" title={t('optionsScanning')}>
        <Check
          id="qv-auto-scan"
          checked={settings.autoScan}
          onChange={(autoScan) => set({ autoScan })}
          label={t('optionsAutoScan')}
          hint={t('optionsAutoScanHint', t('menuVerifyQuotation'))}
        />
      </Section>
      <Section id="qv-marks" title={t('optionsMarks')}>
        <Check
          id="qv-show-unverified"
          checked={settings.showUnverified}
          onChange={(showUnverified) => set({ showUnverified })}
          label={t('optionsShowUnverified')}
          hint={t('optionsShowUnverifiedHint')}
        />
        <fieldset class="qv-options__styles">
          <legend>{t('optionsHighlightStyle')}</legend>
          {HIGHLIGHT_STYLES.map((style) => (
            <div class="qv-options__choice" key={style}>
              <input
                type="radio"
                id={`qv-style-${style}`}
                name="qv-style"
                value={style}
                checked={settings.highlightStyle === style}
                aria-describedby={`qv-style-${style}-hint`}
                onChange={() => set({ highlightStyle: style })}
              />
              <label for={`qv-style-${style}`}>
                {t(STYLE_TEXT[style].label)}{' '}
                <span class={`qv-options__sample qv-options__sample--${style}`} aria-hidden="true">
                  {t('optionsSample')}
                </span>
              </label>
              <p id={`qv-style-${style}-hint`} class="qv-options__hint">
                {t(STYLE_TEXT[style].hint)}
              </p>
            </div>
          ))}
        </fieldset>
      </Section>
      <Section id="qv-sites" title={t('optionsSites')}>
        <p class="qv-options__hint">{tParts('optionsSitesHint', <code key="a">example.org</code>, <code key="b">*.example.org</code>)}</p>
        <SiteListField
          id="qv-never-scan"
          label={t('optionsNever')}
          hint={t('optionsNeverHint')}
          sites={settings.neverScan}
          onChange={(neverScan) => set({ neverScan })}
          onValidity={(valid) => onValidity(t('optionsNever'), valid)}
        />
        <SiteListField
          id="qv-only-scan"
          label={t('optionsOnly')}
          hint={t('optionsOnlyHint')}
          sites={settings.onlyScan}
          onChange={(onlyScan) => set({ onlyScan })}
          onValidity={(valid) => onValidity(t('optionsOnly'), valid)}
        />
        <h3 id="qv-paused-title">{t('optionsPaused')}</h3>
        {settings.pausedSites.length === 0 ? (
          <p class="qv-options__hint">{t('optionsPausedNone', t('sitePause'))}</p>
        ) : (
          <ul class="qv-options__paused" aria-labelledby="qv-paused-title">
            {settings.pausedSites.map((host) => (
              <li key={host}>
                <span>{host}</span>
                <button
                  type="button"
                  aria-label={t('optionsResumeLabel', host)}
                  onClick={() => set({ pausedSites: settings.pausedSites.filter((h) => h !== host) })}
                >
                  {t('optionsResume')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={id} class="qv-options__section">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

interface CheckProps {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: string;
  hint: string;
}

function Check({ id, checked, onChange, label, hint }: CheckProps) {
  return (
    <div class="qv-options__choice">
      <input type="checkbox" id={id} checked={checked} aria-describedby={`${id}-hint`} onChange={(e) => onChange(e.currentTarget.checked)} />
      <label for={id}>{label}</label>
      <p id={`${id}-hint`} class="qv-options__hint">
        {hint}
      </p>
    </div>
  );
}
