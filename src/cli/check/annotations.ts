/**
 * Machine outputs of `check` for a newsroom's CI and editors, views of the
 * same report as the JSON (./report.ts):
 * - `github`: GitHub Actions workflow commands (`::error file=…,line=…`), one
 *   per altered or misattributed quotation, so the pull request marks the line;
 * - `sarif`: a SARIF 2.1.0 log (code scanning, editors' SARIF viewers), one
 *   result per altered or misattributed quotation.
 * Verified and unverified findings are not annotated: they need no action.
 */
import type { FileReport, Report, ReportFinding } from './report';
import { FAILING } from './report';

const TITLE: Record<string, string> = {
  altered: 'Altered quotation',
  misattributed: 'Misattributed quotation',
};

/** What the finding is, in one line: the page wording against the verified wording, and the speaker. */
function describe(f: ReportFinding): string {
  const page = f.text.replace(/\s+/g, ' ').trim();
  const who = f.speaker ? ` (${f.speaker}${f.date ? `, ${f.date}` : ''})` : '';
  if (f.verdict === 'misattributed') return `“${page}” is attributed to ${f.attributedTo ?? 'someone else'} on the page; the corpus has it from ${f.speaker ?? 'another speaker'}${f.quoteId ? ` [${f.quoteId}]` : ''}`;
  const flags = f.flags.length ? `; ${f.flags.join(', ')}` : '';
  return `“${page}” differs from the verified wording “${(f.verifiedText ?? '').replace(/\s+/g, ' ').trim()}”${who}${flags}${f.quoteId ? ` [${f.quoteId}]` : ''}`;
}

const failing = (file: FileReport) => file.findings.filter((f) => FAILING.has(f.verdict));

/** Workflow-command escaping (actions/toolkit): data escapes %, CR, LF; properties also : and ,. */
const escData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escProperty = (s: string) => escData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(report: Report): string {
  const lines: string[] = [];
  for (const file of report.files) {
    if (file.error !== undefined) lines.push(`::error file=${escProperty(file.path)},title=${escProperty('Not checked')}::${escData(file.error)}`);
    for (const f of failing(file)) {
      const where = f.line === undefined ? '' : `,line=${f.line},col=${f.column}`;
      lines.push(`::error file=${escProperty(file.path)}${where},title=${escProperty(TITLE[f.verdict] ?? f.verdict)}::${escData(describe(f))}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export function formatSarif(report: Report, version: string): string {
  const rules = Object.entries(TITLE).map(([id, name]) => ({
    id,
    name: name.replace(/ /g, ''),
    shortDescription: { text: name },
    defaultConfiguration: { level: 'error' },
  }));
  const results = report.files.flatMap((file) => [
    ...(file.error === undefined
      ? []
      : [{ ruleId: 'not-checked', level: 'error', message: { text: file.error }, locations: [{ physicalLocation: { artifactLocation: { uri: uri(file.path) } } }] }]),
    ...failing(file).map((f) => ({
      ruleId: f.verdict,
      level: 'error',
      message: { text: describe(f) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: uri(file.path) },
            ...(f.line === undefined
              ? {}
              : {
                  region: {
                    startLine: f.line,
                    startColumn: f.column,
                    ...(f.fileStart === undefined ? {} : { charOffset: f.fileStart, charLength: (f.fileEnd ?? f.fileStart) - f.fileStart }),
                  },
                }),
          },
        },
      ],
      ...(f.quoteId ? { partialFingerprints: { quoteId: f.quoteId } } : {}),
    })),
  ]);
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'quote-verifier', version, rules: [...rules, { id: 'not-checked', name: 'NotChecked', shortDescription: { text: 'File not checked' } }] } },
        results,
        properties: { corpus: report.corpus },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** A relative path as a URI reference (forward slashes, percent-encoded); stdin stays "-". */
function uri(path: string): string {
  return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}
