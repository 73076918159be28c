import { describe, expect, it } from 'vitest';
import { createNavigator } from '../../../src/page/navigator';

const key = (e: { id: string }) => e.id;
const list = (...ids: string[]) => ids.map((id) => ({ id }));

describe('createNavigator', () => {
  it('starts at the first finding going forward and at the last going back', () => {
    const forward = createNavigator(key);
    forward.set(list('a', 'b', 'c'));
    expect(forward.move(1)?.id).toBe('a');
    const backward = createNavigator(key);
    backward.set(list('a', 'b', 'c'));
    expect(backward.move(-1)?.id).toBe('c');
  });

  it('wraps around both ways', () => {
    const nav = createNavigator(key);
    nav.set(list('a', 'b'));
    expect([nav.move(1), nav.move(1), nav.move(1)].map((e) => e?.id)).toEqual(['a', 'b', 'a']);
    expect([nav.move(-1), nav.move(-1)].map((e) => e?.id)).toEqual(['b', 'a']);
  });

  it('keeps its place across a rescan that rebuilt the entries', () => {
    const nav = createNavigator(key);
    nav.set(list('a', 'b', 'c'));
    nav.move(1);
    nav.move(1); // at b
    nav.set(list('x', 'a', 'b', 'c')); // text inserted above
    expect(nav.current()?.id).toBe('b');
    expect(nav.move(1)?.id).toBe('c');
  });

  it('starts over when the current finding disappeared', () => {
    const nav = createNavigator(key);
    nav.set(list('a', 'b'));
    nav.move(1);
    nav.set(list('b', 'c'));
    expect(nav.current()).toBeUndefined();
    expect(nav.move(1)?.id).toBe('b');
  });

  it('continues from a clicked finding', () => {
    const nav = createNavigator(key);
    const entries = list('a', 'b', 'c');
    nav.set(entries);
    nav.select(entries[2]!);
    expect(nav.move(-1)?.id).toBe('b');
  });

  it('has nothing to move to on a page without findings', () => {
    const nav = createNavigator(key);
    nav.set([]);
    expect(nav.move(1)).toBeUndefined();
    expect(nav.current()).toBeUndefined();
  });
});
