/**
 * Work on one key at a time in this process: a call for a key starts once the call before it for
 * that key has settled, whichever way; calls for other keys go side by side. A key is forgotten
 * once its last call settles, so the map holds only keys with work under way.
 */
export function keyedTurns(): <T>(key: string, work: () => Promise<T>) => Promise<T> {
  const last = new Map<string, Promise<unknown>>();
  return (key, work) => {
    const before = last.get(key);
    const mine = before === undefined ? work() : before.then(() => work(), () => work());
    last.set(key, mine);
    const forget = () => {
      if (last.get(key) === mine) last.delete(key);
    };
    mine.then(forget, forget);
    return mine;
  };
}
