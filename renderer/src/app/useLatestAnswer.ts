import { useEffect, useState } from 'react';

/**
 * What a screen shows for its current inputs: `load` is run again whenever it changes (pass a
 * memoised one, null for "nothing to ask yet"), and only the latest request's answer is kept — an
 * older one that answers late is dropped. A failure that `inPlace` puts in words is an answer
 * said in place (two rounds that cannot be compared); any other goes to `onError`.
 */
export function useLatestAnswer<T>(load: (() => Promise<T>) | null, inPlace: (e: unknown) => string | null, onError?: (e: unknown) => void): { data: T | null; problem: string | null } {
  const [data, setData] = useState<T | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!load) return;
    let live = true;
    load()
      .then((d) => {
        if (!live) return;
        setData(d);
        setProblem(null);
      })
      .catch((e: unknown) => {
        if (!live) return;
        setData(null);
        const said = inPlace(e);
        if (said !== null) setProblem(said);
        else onError?.(e);
      });
    return () => {
      live = false;
    };
  }, [load, inPlace, onError]);
  return { data, problem };
}
