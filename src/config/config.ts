/**
 * The newsroom configuration (`quote-verifier.config.json`): which documents and
 * imports make the corpus, how the extension is branded, and who to contact.
 * Node-only, read at build time by the corpus command and by wxt.config.ts.
 * Nothing in the extension's own code changes between newsroom builds: the
 * build feeds the config in (see docs/newsroom.md).
 *
 * Every relative path in the file is relative to the file's own folder, so a
 * newsroom can keep its config, documents and review file together anywhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

import { CONFIG_ENV, ConfigError, DEFAULT_CONFIG_FILE } from './config-names';
import { packageRoot } from './package-root';

export { CONFIG_ENV, ConfigError, DEFAULT_CONFIG_FILE };

/** Icon sizes browsers ask for: toolbar (16, 32), extension pages (48), store and install (128). */
export const ICON_SIZES = ['16', '32', '48', '128'] as const;

/** The project's icons (scripts/make-icons.mjs), used for every size a config does not give. */
export const DEFAULT_ICONS_DIR = path.join(packageRoot(), 'assets', 'icons');

const HexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour as #rrggbb, e.g. "#1f5fbf"');

/** A Firefox add-on id: an email-like id or a {GUID} (addons.mozilla.org's two accepted forms). */
const FirefoxId = z
  .string()
  .regex(
    /^([a-zA-Z0-9-._]*@[a-zA-Z0-9-._]+|\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\})$/,
    'expected an add-on id like "quotes@example.org" or a {GUID}',
  );

/** Where readers report a problem: an email address, a mailto: link or an https page. */
const Contact = z.string().refine(
  (s) => /^mailto:[^@\s]+@[^@\s]+$/.test(s) || /^[^@\s:/]+@[^@\s]+\.[^@\s]+$/.test(s) || /^https:\/\/\S+$/.test(s),
  'expected an email address, a mailto: link or an https:// address',
);

/** A site as a host name or a `*.` wildcard, e.g. "example.org" or "*.example.org". */
const Site = z
  .string()
  .regex(/^(\*\.)?([a-z0-9-]+\.)*[a-z0-9-]+$/, 'expected a host name such as "example.org" or "*.example.org" (no scheme, no path)');

const ImportEntry = z.strictObject({
  file: z.string().min(1),
  format: z.enum(['json', 'csv', 'claimreview']).optional(),
  /** The database is already vetted: its quotes enter review approved. */
  approved: z.boolean().optional(),
});

/** The file as written. Unknown keys are errors: a misspelt key must not be silently ignored. */
export const ConfigFile = z.strictObject({
  $schema: z.string().optional(),
  /** Extension name (store listing, toolbar tooltip), max 45 characters as Chrome requires. */
  name: z.string().min(1).max(45),
  /**
   * The extension's version (manifest `version`: one to four numbers 0-65535
   * separated by dots, as Chrome and Firefox require); default: the project's.
   */
  version: z
    .string()
    .regex(/^(0|[1-9]\d{0,4})(\.(0|[1-9]\d{0,4})){0,3}$/, 'expected one to four numbers separated by dots, e.g. "1.4.0"')
    .refine((v) => v.split('.').every((n) => !/^\d+$/.test(n) || Number(n) <= 65535), 'each number must be 65535 or less')
    .optional(),
  /** Base name of the zips `npm run zip` writes (default: the name, lower-case, dashes). */
  zipName: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'expected lower-case letters, digits, dots, dashes, e.g. "northbridge-quotes"').optional(),
  /** Short name (12 characters or fewer shows in full on Chrome's launcher surfaces). Store builds only; default: the name, cut. */
  shortName: z.string().min(1).max(12).optional(),
  /** Store description, max 132 characters as Chrome requires. Store builds only; default from the name. */
  description: z.string().min(1).max(132).optional(),
  /** PNG icons by size; default: the project's own icons. */
  icons: z.partialRecord(z.enum(ICON_SIZES), z.string().min(1)).optional(),
  /** Default: the project's blue. */
  brandColor: HexColor.optional(),
  /** Folder of source documents; may be left out when the corpus comes only from imports. */
  documents: z.string().min(1).optional(),
  imports: z.array(ImportEntry).default([]),
  /** The committed review file (default data/review.json beside the config). */
  review: z.string().min(1).default('data/review.json'),
  /** Where the working corpus is written (default data/corpus.json beside the config). */
  corpus: z.string().min(1).default('data/corpus.json'),
  /** Shown in the popup; default: "<name> corpus". */
  corpusName: z.string().min(1).optional(),
  corpusVersion: z.string().min(1).optional(),
  /**
   * The newsroom's own page for a quotation, as a URL template with `{id}` for
   * the quote id: the `url` of each exported ClaimReview (never the source's).
   */
  quotePage: z
    .string()
    .regex(/^https?:\/\/[^\s{}]*\{id\}[^\s{}]*$/, 'expected an http(s) address containing {id}, e.g. "https://newsroom.example/quotes/{id}"')
    .optional(),
  /** Where readers report a problem. Store builds only: without it the popup shows no report link. */
  contact: Contact.optional(),
  /** The add-on id on addons.mozilla.org. Store builds only; default: a local id derived from the name. */
  firefoxId: FirefoxId.optional(),
  /** Sites the extension scans by default (readers can change it in the options). */
  sites: z
    .strictObject({
      only: z.array(Site).default([]),
      never: z.array(Site).default([]),
    })
    .optional(),
  /** Refuse to build while any quote is pending review (default true: only vetted quotes ship). */
  strict: z.boolean().default(true),
});
export type ConfigFile = z.infer<typeof ConfigFile>;

/** The project's own colour, for a config that gives none. */
export const DEFAULT_BRAND_COLOR = '#1f5fbf';

/** What a store listing needs from the newsroom itself; everything else has a sound default. */
export const STORE_FIELDS = ['shortName', 'description', 'brandColor', 'corpusName', 'contact', 'firefoxId'] as const;

/** "Northbridge Daily Quote Check" -> "northbridge-daily-quote-check". */
export function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The name itself when it fits Chrome's 12 characters, else its first words that do, else its first 12 characters. */
function defaultShortName(name: string): string {
  if (name.length <= 12) return name;
  let out = '';
  for (const word of name.split(/\s+/)) {
    const next = out ? `${out} ${word}` : word;
    if (next.length > 12) break;
    out = next;
  }
  return out || name.slice(0, 12);
}

export interface NewsroomConfig {
  /** Absolute path of the config file. */
  file: string;
  name: string;
  shortName: string;
  description: string;
  /** Absolute icon paths by size. */
  icons: Partial<Record<(typeof ICON_SIZES)[number], string>>;
  brandColor: string;
  documents?: string;
  imports: { file: string; format?: 'json' | 'csv' | 'claimreview'; approved?: boolean }[];
  reviewFile: string;
  corpusOut: string;
  corpusName: string;
  corpusVersion?: string;
  /** URL template of the newsroom's page for a quote (`{id}`). */
  quotePage?: string;
  /** Normalised to a URL: bare emails become mailto: links; empty when the config gives none (no report link). */
  contact: string;
  firefoxId: string;
  /** The extension version the config sets (else the build uses package.json's). */
  version?: string;
  /** Base name of the zips. */
  zipName: string;
  /**
   * Fields a store build needs that the config leaves to defaults (`npm run zip`
   * refuses while any is missing): a two-line config builds and runs locally.
   */
  missingForStore: string[];
  sites: { only: string[]; never: string[] };
  strict: boolean;
}

/** Which config to use: the flag, else the environment variable, else the default file. */
export function resolveConfigPath(flag?: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return path.resolve(cwd, flag ?? env[CONFIG_ENV] ?? DEFAULT_CONFIG_FILE);
}

/** Line (1-based) of the first occurrence of `"key"` in the text, for messages. */
function lineOfKey(text: string, key: string | number | undefined): number | undefined {
  if (typeof key !== 'string') return undefined;
  const at = text.indexOf(`"${key}"`);
  return at < 0 ? undefined : text.slice(0, at).split('\n').length;
}

/** Reads and validates a config file; throws ConfigError naming the file, line and field. */
export function loadConfigSync(configPath: string): NewsroomConfig {
  const file = path.resolve(configPath);
  if (!existsSync(file)) throw new ConfigError(file, [`file not found (set --config or ${CONFIG_ENV}, or create ${DEFAULT_CONFIG_FILE})`]);
  const text = readFileSync(file, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, [`not valid JSON: ${(error as Error).message}`]);
  }
  const parsed = ConfigFile.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      file,
      parsed.error.issues.map((i) => {
        const where = i.path.length ? i.path.join('.') : '(top level)';
        const keys = i.code === 'unrecognized_keys' ? i.keys : [];
        const line = lineOfKey(text, keys[0] ?? [...i.path].reverse().find((p) => typeof p === 'string'));
        return `${line === undefined ? '' : `line ${line}: `}${where}: ${i.message}`;
      }),
    );
  }
  const c = parsed.data;
  const dir = path.dirname(file);
  const missingForStore = STORE_FIELDS.filter((f) => c[f] === undefined);
  const abs = (p: string) => path.resolve(dir, p);
  const problems: string[] = [];
  const icons: NewsroomConfig['icons'] = {};
  // No icons given: the project's own (a partial set is completed from them too).
  for (const size of ICON_SIZES) icons[size] = path.join(DEFAULT_ICONS_DIR, `icon-${size}.png`);
  for (const [size, p] of Object.entries(c.icons ?? {}) as [(typeof ICON_SIZES)[number], string][]) {
    const at = abs(p);
    if (!existsSync(at)) problems.push(`icons.${size}: ${p} not found`);
    else if (!at.toLowerCase().endsWith('.png')) problems.push(`icons.${size}: ${p} must be a PNG`);
    icons[size] = at;
  }
  if (c.documents !== undefined && !existsSync(abs(c.documents))) problems.push(`documents: folder ${c.documents} not found`);
  for (const [i, imp] of c.imports.entries()) if (!existsSync(abs(imp.file))) problems.push(`imports.${i}.file: ${imp.file} not found`);
  if (c.documents === undefined && c.imports.length === 0) problems.push('documents: give a documents folder, or at least one entry in imports');
  if (problems.length) throw new ConfigError(file, problems);
  return {
    file,
    name: c.name,
    shortName: c.shortName ?? defaultShortName(c.name),
    description: c.description ?? `Checks quotations on web pages against ${c.name}'s verified quotations.`.slice(0, 132),
    icons,
    brandColor: (c.brandColor ?? DEFAULT_BRAND_COLOR).toLowerCase(),
    ...(c.documents === undefined ? {} : { documents: abs(c.documents) }),
    imports: c.imports.map((i) => ({ ...i, file: abs(i.file) })),
    reviewFile: abs(c.review),
    corpusOut: abs(c.corpus),
    corpusName: c.corpusName ?? `${c.name} corpus`,
    ...(c.corpusVersion === undefined ? {} : { corpusVersion: c.corpusVersion }),
    ...(c.quotePage === undefined ? {} : { quotePage: c.quotePage }),
    contact: c.contact === undefined ? '' : /^[^@\s:/]+@/.test(c.contact) ? `mailto:${c.contact}` : c.contact,
    firefoxId: c.firefoxId ?? `${slug(c.name) || 'quote-verifier'}@quote-verifier.invalid`,
    ...(c.version === undefined ? {} : { version: c.version }),
    zipName: c.zipName ?? (slug(c.name) || 'quote-verifier'),
    missingForStore,
    sites: { only: c.sites?.only ?? [], never: c.sites?.never ?? [] },
    strict: c.strict,
  };
}

export async function loadConfig(configPath?: string): Promise<NewsroomConfig> {
  return loadConfigSync(resolveConfigPath(configPath));
}
