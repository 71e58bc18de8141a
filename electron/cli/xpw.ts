// xpw — the command line of X方針ワークベンチ, on the same services as the app.
import { parseArgs } from 'node:util';
import { commands, type CommandName } from './commands.js';

const USAGE = `使い方: xpw <コマンド> [オプション]
  init    --db F [--sample]            空のデータベース、またはサンプルから作成
  summary --db F [--round R] [--json]  課題レベル別の総数とランク別件数
  check   --db F                       整合性チェック (integrity_check, foreign_key_check)
  backup  --db F --out G               SQLiteのバックアップAPIで複製し検証
  compare --db F --issue ID [--from L --to L] [--json]  版の比較 (項目ごとの変更)
  lint    --db F [--version L] [--json]               記載チェックの結果`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name ? 0 : 1;
  }
  if (!(name in commands)) {
    console.error(`エラー: 不明なコマンド「${name}」\n${USAGE}`);
    return 2;
  }
  const command = commands[name as CommandName];
  const { values } = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false });
  return command.run(values as Record<string, string | boolean | undefined>);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    // One line, no stack: the message already says what and where.
    console.error(`エラー: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
