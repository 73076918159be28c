// @vitest-environment happy-dom
/** watchLocation (src/page/lifetime.ts): a single-page app's navigations, heard without an event of ours. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LOCATION_POLL_MS, watchLocation } from '../../../src/page/lifetime';

describe('watchLocation', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    history.replaceState({}, '', '/');
    vi.useRealTimers();
  });

  it('tells a pushState within LOCATION_POLL_MS, once, and nothing when the URL stays', () => {
    const controller = new AbortController();
    const changed = vi.fn();
    watchLocation(window, controller.signal, changed);
    vi.advanceTimersByTime(LOCATION_POLL_MS * 3);
    expect(changed).not.toHaveBeenCalled();
    history.pushState({}, '', '/next');
    vi.advanceTimersByTime(LOCATION_POLL_MS);
    expect(changed).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(LOCATION_POLL_MS * 3);
    expect(changed).toHaveBeenCalledTimes(1);
    controller.abort();
  });

  it('answers popstate at once, and stops when its signal aborts', () => {
    const controller = new AbortController();
    const changed = vi.fn();
    watchLocation(window, controller.signal, changed);
    history.pushState({}, '', '/other');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(changed).toHaveBeenCalledTimes(1);
    controller.abort();
    history.pushState({}, '', '/third');
    window.dispatchEvent(new PopStateEvent('popstate'));
    vi.advanceTimersByTime(LOCATION_POLL_MS * 3);
    expect(changed).toHaveBeenCalledTimes(1);
  });
});
