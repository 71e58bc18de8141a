import { formatWarekiDateTime } from '../../../common/wareki';

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatWarekiDateTime(d);
}
