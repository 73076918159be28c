/**
 * Moving through the findings with the keyboard shortcut: next and previous
 * in page order, wrapping around, remembering where the reader is across
 * rescans (a rescan rebuilds every entry, so position is kept by key).
 */

export interface FindingNavigator<T> {
  /** Replaces the entries (in page order), keeping the current one if it is still there. */
  set(entries: readonly T[]): void;
  /** The next (1) or previous (-1) entry, which becomes current; undefined when there are none. */
  move(direction: 1 | -1): T | undefined;
  /** Makes an entry current, e.g. after a click on its highlight. */
  select(entry: T): void;
  current(): T | undefined;
}

export function createNavigator<T>(keyOf: (entry: T) => string): FindingNavigator<T> {
  let entries: readonly T[] = [];
  let index = -1;
  let currentKey: string | undefined;
  return {
    set(next) {
      entries = next;
      index = currentKey === undefined ? -1 : entries.findIndex((e) => keyOf(e) === currentKey);
      if (index < 0) currentKey = undefined;
    },
    move(direction) {
      if (entries.length === 0) return undefined;
      // From nowhere, forward starts at the first finding and backward at the last.
      if (index < 0) index = direction === 1 ? 0 : entries.length - 1;
      else index = (index + direction + entries.length) % entries.length;
      const entry = entries[index]!;
      currentKey = keyOf(entry);
      return entry;
    },
    select(entry) {
      const key = keyOf(entry);
      index = entries.findIndex((e) => keyOf(e) === key);
      currentKey = index < 0 ? undefined : key;
    },
    current() {
      return index < 0 ? undefined : entries[index];
    },
  };
}
