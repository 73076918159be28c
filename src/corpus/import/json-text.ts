/** JSON with line numbers: parse errors and the first line of each top-level array element. */
import { lineAt } from '../build/errors';
import { ImportError } from './errors';

/** Parses JSON; a syntax error becomes an ImportError naming the line. BOM tolerated. */
export function parseJsonText(file: string, text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (e) {
    const message = (e as Error).message;
    const pos = /position (\d+)/.exec(message);
    const line = pos ? lineAt(body, Number(pos[1])) : undefined;
    throw new ImportError(file, undefined, line, undefined, `not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`);
  }
}

/**
 * The line each element of a top-level array starts on (1-based), by scanning
 * the text once: JSON.parse keeps no positions. Empty when the text is not an array.
 */
export function topLevelElementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let expectValue = false;
  let topIsArray: boolean | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\uFEFF') continue;
    if (topIsArray === undefined) {
      topIsArray = c === '[';
      if (!topIsArray) return [];
      depth = 1;
      expectValue = true;
      continue;
    }
    if (depth === 1 && expectValue && c !== ']') {
      lines.push(line);
      expectValue = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expectValue = true;
  }
  return lines;
}
