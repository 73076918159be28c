/**
 * A textarea for one site list, one pattern per line, checked as the reader types.
 * Valid text is handed up (normalised) at once; text with a bad line is not, and each bad
 * line gets an error naming its line number, tied to the textarea by aria-describedby.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatSiteList, parseSiteList, type SitePattern, type SitePatternErrorCode } from '../../settings/sites';
import { t, type MessageKey } from '../i18n';

/** Each site-list rule's words in the UI's language (message keys). */
const ERROR_TEXT: Record<SitePatternErrorCode, MessageKey> = {
  star: 'siteErrorStar',
  starPlace: 'siteErrorStarPlace',
  space: 'siteErrorSpace',
  wildcardIp: 'siteErrorWildcardIp',
  ip: 'siteErrorIp',
  host: 'siteErrorHost',
};

export interface SiteListFieldProps {
  id: string;
  label: string;
  /** What the list does, shown under the label. */
  hint: string;
  sites: readonly SitePattern[];
  onChange: (sites: SitePattern[]) => void;
  /** Told whether the text has a bad line (so the page can say what is not saved). */
  onValidity?: (valid: boolean) => void;
}

export function SiteListField({ id, label, hint, sites, onChange, onValidity }: SiteListFieldProps) {
  const [text, setText] = useState(() => formatSiteList(sites));
  const [errors, setErrors] = useState<ReturnType<typeof parseSiteList>['errors']>([]);
  const focused = useRef(false);

  // Settings changed elsewhere (another tab, the popup): show them, unless the reader is typing here.
  useEffect(() => {
    if (!focused.current && errors.length === 0) setText(formatSiteList(sites));
  }, [sites.join('\n')]);

  const onInput = (value: string) => {
    setText(value);
    const parsed = parseSiteList(value);
    setErrors(parsed.errors);
    onValidity?.(parsed.errors.length === 0);
    if (parsed.errors.length === 0 && parsed.sites.join('\n') !== sites.join('\n')) onChange(parsed.sites);
  };

  const hintId = `${id}-hint`;
  const errorsId = `${id}-errors`;
  return (
    <div class="qv-options__field">
      <label for={id} class="qv-options__label">
        {label}
      </label>
      <p id={hintId} class="qv-options__hint">
        {hint}
      </p>
      <textarea
        id={id}
        class="qv-options__sites"
        rows={4}
        spellcheck={false}
        autocapitalize="off"
        autocomplete="off"
        value={text}
        aria-invalid={errors.length > 0}
        aria-describedby={errors.length > 0 ? `${hintId} ${errorsId}` : hintId}
        onFocus={() => (focused.current = true)}
        onBlur={() => {
          focused.current = false;
          // Show what was stored (lower case, URLs reduced to their host) once the reader leaves.
          if (errors.length === 0) setText(formatSiteList(parseSiteList(text).sites));
        }}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      {errors.length > 0 && (
        <ul id={errorsId} class="qv-options__errors">
          {errors.map((e) => (
            <li key={e.line}>
              {t('optionsLineError', e.line, e.text, t(ERROR_TEXT[e.code]))}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
