/**
 * Colours as the strict judge compares them: parsing computed values, and
 * declared ones (a style rule's `white`, `#fff`, `hsl(…)`), blending and
 * WCAG contrast.
 */

export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** `rgb()`/`rgba()` (and `transparent`) as computed styles give them; null for anything else. */
export function parseColor(value: string | undefined): Rgba | null {
  if (!value) return null;
  if (value === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  const m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+)(%?))?\s*\)$/.exec(value.trim());
  if (!m) return null;
  const a = m[4] === undefined ? 1 : parseFloat(m[4]) / (m[5] ? 100 : 1);
  return { r: +m[1]!, g: +m[2]!, b: +m[3]!, a };
}

/** `top` drawn over an opaque `bottom`. */
export function blend(top: Rgba, bottom: Rgba): Rgba {
  const a = top.a;
  return { r: top.r * a + bottom.r * (1 - a), g: top.g * a + bottom.g * (1 - a), b: top.b * a + bottom.b * (1 - a), a: 1 };
}

/** WCAG contrast ratio of two opaque colours, 1..21. */
export function contrast(x: Rgba, y: Rgba): number {
  const lx = luminance(x);
  const ly = luminance(y);
  return (Math.max(lx, ly) + 0.05) / (Math.min(lx, ly) + 0.05);
}

function luminance({ r, g, b }: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Set before a value, to tell a value the canvas refused from one it took. */
const UNSET_FILL = '#010203';
let canvas: OffscreenCanvasRenderingContext2D | null | undefined;

/**
 * A declared colour value as an RGBA colour: `rgb()` read here, anything
 * else (`#fff`, names, `hsl()`, …) by the browser's own parser, an offscreen
 * canvas's `fillStyle` (no element in the page; it gives `#rrggbb` or
 * `rgba()`). Null when it is no colour this can resolve (`currentcolor`,
 * `var()`, a keyword, or no canvas: happy-dom): callers treat that as unknown.
 */
export function resolveColour(value: string): Rgba | null {
  const v = value.trim().toLowerCase();
  const direct = parseColor(v);
  if (direct || v === 'currentcolor' || v.includes('var(')) return direct;
  canvas ??= typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1).getContext('2d') : null;
  if (!canvas) return null;
  canvas.fillStyle = UNSET_FILL;
  canvas.fillStyle = v;
  const out = canvas.fillStyle;
  if (typeof out !== 'string' || (out === UNSET_FILL && v !== UNSET_FILL)) return null;
  return parseColor(out) ?? parseColor(`rgb(${[1, 3, 5].map((i) => parseInt(out.slice(i, i + 2), 16)).join(',')})`);
}

/**
 * The colour schemes a page's `<meta name="color-scheme">` offers (the first such meta's, as
 * browsers read it; its name in any case): they decide the scheme where the root's
 * `color-scheme` is `normal`.
 */
export function metaColourSchemes(doc: Document): string {
  return Array.from(doc.getElementsByTagName('meta')).find((m) => /^color-scheme$/i.test(m.name))?.content ?? '';
}
