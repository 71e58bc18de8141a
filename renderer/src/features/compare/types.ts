export type { Comparison } from '../../../../electron/contract/channels';
export interface DiffPartView {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}
