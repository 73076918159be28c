/**
 * Vite plugin: takes two dynamic-code paths out of bundled libraries, so that
 * Mozilla's add-on linter (`npm run lint:firefox`) reports no warnings and a
 * reviewer finds no innerHTML assignment or Function constructor in the package.
 * Neither path can run in Quote Verifier today; removing them makes that certain.
 *
 * - Preact sets `innerHTML` only for `dangerouslySetInnerHTML`, which Quote
 *   Verifier never uses (it renders page text as text). The assignment becomes a
 *   throw: if anyone ever reaches for that prop, it fails loudly instead of
 *   injecting HTML.
 * - zod probes `new Function("")` to decide whether to compile validators. An
 *   extension's content security policy forbids eval in Chrome (MV3) and Firefox
 *   (MV2 default CSP), so the probe always fails there, and zod's own comment
 *   notes the failed probe is still reported as a CSP violation. The probe now
 *   answers "no eval" without trying, which is what it answered anyway.
 *
 * Each patch must match when its module is bundled: if a library update changes
 * the code, the build fails naming the patch rather than shipping it unpatched.
 */
import type { Plugin } from 'vite';

interface Patch {
  /** Which bundled module (its resolved path). */
  module: RegExp;
  find: RegExp;
  replace: string;
  why: string;
}

const PATCHES: Patch[] = [
  {
    module: /[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.(mjs|module\.js)$/,
    // Minified: `(u.innerHTML=h.__html)`; the names vary by release, the shape does not.
    find: /\(([\w$]+)\.innerHTML=([\w$]+)\.__html\)/,
    replace: '(()=>{throw new Error("Quote Verifier: dangerouslySetInnerHTML is disabled")})()',
    why: "preact's dangerouslySetInnerHTML assignment",
  },
  {
    module: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]core[\\/]util\.js$/,
    find: /const F = Function;\s*new F\(""\);\s*return true;/,
    replace: 'return false;',
    why: "zod's new Function probe (allowsEval)",
  },
];

export function noDynamicCode(): Plugin {
  return {
    name: 'quote-verifier:no-dynamic-code',
    enforce: 'pre',
    transform(code, id) {
      const patch = PATCHES.find((p) => p.module.test(id));
      if (!patch) return null;
      if (!patch.find.test(code)) {
        this.error(`${id}: cannot remove ${patch.why}: the library's code changed; update scripts/build/no-dynamic-code.ts`);
      }
      return { code: code.replace(patch.find, patch.replace), map: null };
    },
  };
}
