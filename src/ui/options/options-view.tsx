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
import './options.css';
import { verdictCssVariables } from '../../match/verdicts';

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

const STYLE_TEXT: Record<HighlightStyle, { label: string; hint: string }> = {
  tinted: { label: 'Line and light tint', hint: 'A line under the quotation and a faint wash of the verdict’s colour.' },
  underline: { label: 'Line only', hint: 'Just the line under the quotation.' },
  background: { label: 'Line and strong tint', hint: 'A stronger wash of colour, easier to spot.' },
};

export function OptionsView({ settings, save, onChange, name = 'Quote Verifier' }: OptionsViewProps) {
  // Labels of the site lists that hold a bad line: their text is not saved until fixed.
  const [invalid, setInvalid] = useState<readonly string[]>([]);
  const onValidity = (label: string, valid: boolean) =>
    setInvalid((now) => (valid ? now.filter((l) => l !== label) : now.includes(label) ? now : [...now, label]));
  return (
    <main class="qv-options" style={VERDICT_VARIABLES}>
      <h1>{name} settings</h1>
      <p class="qv-options__status" role="status" aria-live="polite">
        {invalid.length > 0 ? `Not saved: fix the marked line in “${invalid.join('” and “')}”.` : statusText(save)}
      </p>
      {settings === undefined ? <p>Loading settings…</p> : <Form settings={settings} onChange={onChange} onValidity={onValidity} />}
    </main>
  );
}

function statusText(save: SaveState): string {
  if (save.status === 'saving') return 'Saving…';
  if (save.status === 'saved') return 'Saved. Open tabs use the new settings now.';
  if (save.status === 'error') return `Not saved: ${save.message}`;
  return 'Changes are saved as you make them.';
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
      <Section id="qv-scanning" title="Scanning">
        <Check
          id="qv-auto-scan"
          checked={settings.autoScan}
          onChange={(autoScan) => set({ autoScan })}
          label="Check quotations on every page automatically"
          hint="When off, nothing is checked until you select a quotation and choose “Verify quotation”."
        />
      </Section>
      <Section id="qv-marks" title="Marks on the page">
        <Check
          id="qv-show-unverified"
          checked={settings.showUnverified}
          onChange={(showUnverified) => set({ showUnverified })}
          label="Also mark quotations that are not in the corpus"
          hint="A dotted line under every quotation the corpus does not hold. They are listed in the toolbar popup either way."
        />
        <fieldset class="qv-options__styles">
          <legend>Highlight style</legend>
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
                {STYLE_TEXT[style].label}{' '}
                <span class={`qv-options__sample qv-options__sample--${style}`} aria-hidden="true">
                  “as said”
                </span>
              </label>
              <p id={`qv-style-${style}-hint`} class="qv-options__hint">
                {STYLE_TEXT[style].hint}
              </p>
            </div>
          ))}
        </fieldset>
      </Section>
      <Section id="qv-sites" title="Sites">
        <p class="qv-options__hint">
          One site per line, such as <code>example.org</code> (that site and all its subdomains) or <code>*.example.org</code> (its
          subdomains only). Pasted addresses are reduced to their site. Lines starting with # are notes.
        </p>
        <SiteListField
          id="qv-never-scan"
          label="Never check pages on these sites"
          hint="Wins over every other setting."
          sites={settings.neverScan}
          onChange={(neverScan) => set({ neverScan })}
          onValidity={(valid) => onValidity('Never check pages on these sites', valid)}
        />
        <SiteListField
          id="qv-only-scan"
          label="Check pages only on these sites"
          hint="Leave empty to check pages on every site."
          sites={settings.onlyScan}
          onChange={(onlyScan) => set({ onlyScan })}
          onValidity={(valid) => onValidity('Check pages only on these sites', valid)}
        />
        <h3 id="qv-paused-title">Paused sites</h3>
        {settings.pausedSites.length === 0 ? (
          <p class="qv-options__hint">None. Pause a site from the toolbar popup with “Pause on this site”.</p>
        ) : (
          <ul class="qv-options__paused" aria-labelledby="qv-paused-title">
            {settings.pausedSites.map((host) => (
              <li key={host}>
                <span>{host}</span>
                <button
                  type="button"
                  aria-label={`Resume on ${host}`}
                  onClick={() => set({ pausedSites: settings.pausedSites.filter((h) => h !== host) })}
                >
                  Resume
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
