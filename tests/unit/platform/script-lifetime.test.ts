// @vitest-environment happy-dom
/**
 * The content script's lifetime (src/platform/script-lifetime.ts): it ends when the
 * extension goes away, and nothing the page does ends it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INVALIDATION_CHECK_MS, scriptLifetime } from '../../../src/platform/script-lifetime';

describe('scriptLifetime', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('ends within INVALIDATION_CHECK_MS of the extension going away, and calls its listeners once', () => {
    let id: string | undefined = 'ext';
    const life = scriptLifetime(window, () => id);
    const ended = vi.fn();
    life.onInvalidated(ended);
    vi.advanceTimersByTime(INVALIDATION_CHECK_MS * 3);
    expect(life.signal.aborted).toBe(false);
    id = undefined;
    vi.advanceTimersByTime(INVALIDATION_CHECK_MS);
    expect(life.signal.aborted).toBe(true);
    vi.advanceTimersByTime(INVALIDATION_CHECK_MS * 3);
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('isInvalid looks at once, without waiting for the timer', () => {
    let id: string | undefined = 'ext';
    const life = scriptLifetime(window, () => id);
    expect(life.isInvalid).toBe(false);
    id = undefined;
    expect(life.isInvalid).toBe(true);
    expect(life.signal.aborted).toBe(true);
  });

  it('a listener removed before the end is not called', () => {
    let id: string | undefined = 'ext';
    const life = scriptLifetime(window, () => id);
    const ended = vi.fn();
    life.onInvalidated(ended)();
    id = undefined;
    expect(life.isInvalid).toBe(true);
    expect(ended).not.toHaveBeenCalled();
  });

  it('an event the page dispatches, named as WXT named its start event, ends nothing', () => {
    const life = scriptLifetime(window, () => 'ext');
    for (const script of ['content', 'in-page']) {
      document.dispatchEvent(new CustomEvent(`ext:${script}:wxt:content-script-started`, { detail: { contentScriptName: script, messageId: 'forged' } }));
    }
    window.postMessage({ type: 'ext:content:wxt:content-script-started', contentScriptName: 'content', messageId: 'forged' }, '*');
    vi.advanceTimersByTime(INVALIDATION_CHECK_MS * 2);
    expect(life.isInvalid).toBe(false);
  });
});
