// The summary of the same filter in the round before, for the summary bar's 増減.
import { useEffect, useState } from 'react';
import type { Input, Output } from '../../../../electron/contract/channels';
import { invoke } from '../../api/client';

export type PreviousSummary = Output<'summary.previous'>;

export function usePreviousSummary(filter: Input<'summary.previous'> | null, onError: (e: unknown) => void): PreviousSummary | null {
  const [previous, setPrevious] = useState<PreviousSummary | null>(null);
  useEffect(() => {
    if (!filter) return;
    let live = true;
    invoke('summary.previous', filter)
      .then((p) => live && setPrevious(p))
      .catch((e: unknown) => live && onError(e));
    return () => {
      live = false;
    };
  }, [filter, onError]);
  return previous;
}
