/**
 * The one HTML parser of the Node readers (src/corpus/build/formats/html-dom.ts):
 * fragment-shaped pages get the tree a browser builds (one <html>, one <head>,
 * one <body>), so neither the builder nor `check` reads an empty second body.
 */
import { describe, expect, it } from 'vitest';
import { parseHtmlDocument } from '../../../src/corpus/build/formats/html-dom';
import { readHtml } from '../../../src/corpus/build/formats/html';

const QUOTE = '“We will not accept this proposal,” the minister said.';

describe('parseHtmlDocument', () => {
  it.each([
    ['doctype, meta, title, then <body>', `<!doctype html><meta charset=utf-8><title>Talks</title><body lang=fr><p>${QUOTE}</p>`],
    ['<html> without <head>', `<!DOCTYPE html><html lang=fr><meta charset=utf-8><title>Talks</title><body lang=fr><p>${QUOTE}</p></html>`],
    ['no <html>, <head> or <body> tag', `<title>Talks</title><p>${QUOTE}</p>`],
    ['whole page', `<!DOCTYPE html><html lang=fr><head><title>Talks</title></head><body lang=fr><p>${QUOTE}</p></body></html>`],
  ])('%s: one head, one body holding the article', (_name, html) => {
    const doc = parseHtmlDocument(html);
    expect(doc.documentElement.tagName).toBe('HTML');
    expect(doc.querySelectorAll('body')).toHaveLength(1);
    expect(doc.querySelectorAll('head')).toHaveLength(1);
    expect(doc.body.textContent).toBe(QUOTE);
    expect(doc.title).toBe('Talks');
    if (html.includes('<body lang=fr>')) expect(doc.body.getAttribute('lang')).toBe('fr');
  });

  it('keeps content after </html> in the body, as a browser does', () => {
    const doc = parseHtmlDocument('<html><body><p>one</p></body></html><p>two</p>');
    expect(doc.body.textContent).toBe('onetwo');
  });
});

describe('the builder reads fragment-shaped HTML', () => {
  it('finds the paragraphs and the title', () => {
    const doc = readHtml(`<!doctype html><meta charset=utf-8><title>Talks</title><body><p>${QUOTE}</p>`);
    expect(doc.paragraphs.map((p) => p.text)).toEqual([QUOTE]);
    expect(doc.meta.title).toBe('Talks');
  });
});
