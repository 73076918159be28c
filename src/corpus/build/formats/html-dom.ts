/**
 * One way to parse an HTML file into a DOM, for every Node reader of HTML
 * (the corpus builder's document reader and `quote-verifier check`): linkedom,
 * with the tree put into the shape a browser gives it.
 *
 * linkedom keeps the tags as written: a page without `<html>`/`<head>` tags
 * (`<!doctype html><meta charset=utf-8><title>…</title><body>…`, or a bare
 * fragment) gets no `<html>` element, and `document.body` then creates a
 * second, empty body: the article was read as empty. A browser's tree builder
 * always makes one `<html>` holding `<head>` then `<body>`; this does the same
 * after parsing: leading metadata elements go to the head, everything from the
 * first content on goes to the body, attributes of `<html>` and `<body>` kept.
 */
import { parseHTML } from 'linkedom';

/** Elements a browser keeps in `<head>` when they come before any content. */
const HEAD_TAGS = new Set(['BASE', 'LINK', 'META', 'NOSCRIPT', 'SCRIPT', 'STYLE', 'TEMPLATE', 'TITLE']);

const ELEMENT = 1;
const TEXT = 3;
const DOCUMENT_TYPE = 10;

type LinkedomDocument = ReturnType<typeof parseHTML>['document'];

/** Parses `html` into a document with exactly one `<html>`, one `<head>` and one `<body>`. */
export function parseHtmlDocument(html: string): LinkedomDocument {
  const { document } = parseHTML(html);
  if (!wellFormed(document)) restructure(document);
  return document;
}

/** Already `<html><head>…</head><body>…</body></html>` and nothing else at the top: leave it. */
function wellFormed(document: LinkedomDocument): boolean {
  const top = Array.from(document.childNodes).filter((n) => !ignorable(n) && n.nodeType !== DOCUMENT_TYPE);
  const html = top[0] as Element | undefined;
  if (top.length !== 1 || html?.tagName !== 'HTML') return false;
  const children = Array.from(html.childNodes).filter((n) => !ignorable(n));
  return children.length === 2 && (children[0] as Element).tagName === 'HEAD' && (children[1] as Element).tagName === 'BODY';
}

/** Whitespace text and comments: they never start the body. */
function ignorable(node: Node): boolean {
  return node.nodeType === 8 || (node.nodeType === TEXT && (node.textContent ?? '').trim() === '');
}

function restructure(document: LinkedomDocument): void {
  const html = document.createElement('html');
  const head = document.createElement('head');
  const body = document.createElement('body');
  html.append(head, body);
  let inBody = false;
  const copyAttributes = (from: Element, to: Element) => {
    for (const { name, value } of Array.from(from.attributes)) if (!to.hasAttribute(name)) to.setAttribute(name, value);
  };
  // Each node in document order, the <html>, <head> and <body> wrappers unwrapped.
  const place = (node: Node, parent: 'head' | 'body' | undefined) => {
    if (node.nodeType === DOCUMENT_TYPE) return;
    if (node.nodeType === ELEMENT) {
      const tag = (node as Element).tagName;
      if (tag === 'HTML' || tag === 'HEAD' || tag === 'BODY') {
        if (tag === 'HTML') copyAttributes(node as Element, html);
        if (tag === 'BODY') {
          copyAttributes(node as Element, body);
          inBody = true;
        }
        const into = tag === 'HEAD' && !inBody ? 'head' : tag === 'BODY' ? 'body' : parent;
        for (const child of Array.from(node.childNodes)) place(child, into);
        return;
      }
    }
    let target = parent;
    if (target === undefined) {
      if (!inBody && !ignorable(node) && !(node.nodeType === ELEMENT && HEAD_TAGS.has((node as Element).tagName))) inBody = true;
      target = inBody ? 'body' : 'head';
    }
    if (target === 'body') inBody = true;
    (target === 'head' ? head : body).appendChild(node);
  };
  for (const node of Array.from(document.childNodes)) place(node, undefined);
  for (const node of Array.from(document.childNodes)) if (node.nodeType !== DOCUMENT_TYPE) node.remove();
  document.appendChild(html);
}
