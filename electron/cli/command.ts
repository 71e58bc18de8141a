// What every CLI command is: its options, whether it takes positional arguments, and a run
// returning the exit code. Shared by commands.ts and the command groups beside it.
export type Values = Record<string, string | boolean | undefined>;

export interface Command {
  options: Record<string, { type: 'string' | 'boolean' }>;
  /** Takes positional arguments (e.g. the kind of export). */
  positionals?: boolean;
  run(values: Values, positionals: string[]): Promise<number>;
}

export function requireString(values: Values, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || !v) throw new Error(`--${name} を指定してください`);
  return v;
}
