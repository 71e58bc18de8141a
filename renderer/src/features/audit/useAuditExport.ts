// The audit log's .xlsx export runs as a job like the handouts (export.status, then saved or
// downloaded).
import type { Input } from '../../../../electron/contract/channels';
import { invoke } from '../../api/client';
import { useJob } from '../export/useExportJob';

const beginAuditExport = (filter: Input<'audit.export'>) => invoke('audit.export', filter);

export const useAuditExport = (onError: (e: unknown) => void) => useJob(beginAuditExport, onError);
