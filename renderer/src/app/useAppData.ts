// What every screen reads once at start: who is editing, the rounds, the organizations and the
// settings; and the round the grid shows (the newest until one is picked).
import { useCallback, useEffect, useState } from 'react';
import type { AppInfo, Organization, Round, Settings } from '../../../electron/contract/channels';
import { invoke } from '../api/client';

export function useAppData(onError: (e: unknown) => void, onRoundsReloaded: () => void) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [rounds, setRounds] = useState<Round[]>([]);
  const [organizations, setOrganizations] = useState<Organization[]>([]);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [roundId, setRoundId] = useState<number | null>(null);

  useEffect(() => {
    Promise.all([invoke('app.info', {}), invoke('rounds.list', {}), invoke('organizations.list', {}), invoke('settings.get', {})])
      .then(([i, r, o, s]) => {
        setInfo(i);
        setRounds(r);
        setOrganizations(o);
        setSettings(s);
        setRoundId(r[0]?.id ?? null);
      })
      .catch(onError);
  }, [onError]);

  /** Rounds were created, changed or deleted (評価回 / 監査ログ screens): reload them and what shows their data. */
  const reloadRounds = useCallback(() => {
    invoke('rounds.list', {})
      .then((r) => {
        setRounds(r);
        setRoundId((id) => (r.some((x) => x.id === id) ? id : (r[0]?.id ?? null)));
        onRoundsReloaded();
      })
      .catch(onError);
  }, [onError, onRoundsReloaded]);

  const reloadOrganizations = useCallback(() => void invoke('organizations.list', {}).then(setOrganizations).catch(onError), [onError]);
  /** New settings: the display name (更新者) may have changed with them. */
  const settingsSaved = useCallback(
    (s: Settings) => {
      setSettings(s);
      invoke('app.info', {}).then(setInfo).catch(onError);
    },
    [onError],
  );

  return { info, rounds, organizations, settings, roundId, setRoundId, round: rounds.find((r) => r.id === roundId) ?? null, reloadRounds, reloadOrganizations, settingsSaved };
}
