/**
 * One run of `work` per key at a time: callers that come while it runs wait for that run and share
 * its outcome (servers created side by side on one base want the same image built and pushed once).
 */
export function singleFlight<T>(running: Map<string, Promise<T>>, key: string, work: () => Promise<T>): Promise<T> {
  let run = running.get(key);
  if (run === undefined) {
    run = work().finally(() => running.delete(key));
    running.set(key, run);
  }
  return run;
}
