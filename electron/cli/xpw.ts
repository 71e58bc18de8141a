// xpw — the command line of X方針ワークベンチ, on the same services as the app.
import { parseArgs } from 'node:util';
import type { Command } from './command.js';
import { commands, type CommandName } from './commands.js';
import { versionText } from './version.js';

const USAGE = `使い方: xpw <コマンド> [オプション]
  init    --db F [--sample]            空のデータベース、またはサンプルから作成
  summary --db F [--round R] [--json]  課題レベル別の総数とランク別件数
  check   --db F                       整合性チェック (integrity_check, foreign_key_check)
  backup  --db F --out G               SQLiteのバックアップAPIで複製し検証
  backups --db F [--json]              自動バックアップの一覧 (日時・理由・大きさ)
  restore --db F --from G              バックアップ (.sqlite) か全データの書き出し (.xpws) から復元
                                       (内容を表示し、現在のデータの安全コピーを取ってから置き換え)
  snapshot export --db F --out S.xpws  全データを1ファイルに書き出し (別のPCへの移行・閲覧用の受け渡し)
  snapshot import --from S.xpws --db N 書き出したファイルから新しいデータベース N を作成
  compare --db F --issue ID [--from L --to L] [--json]  版の比較 (項目ごとの変更)
  lint    --db F [--version L] [--json]               記載チェックの結果
  round list   --db F [--json]        評価回の一覧
  round create --db F --label R7.5 --as-of 2025-05 [--title T] [--meeting-date YYYY-MM-DD]
               [--carry-from R] [--scale 名前 | --scale-template 1|2|3]   空で、または繰り越して作成
  round edit   --db F --round R [--label L] [--title T] [--as-of YYYY-MM] [--meeting-date D] [--scale 名前]
  round lock|delete --db F --round R   ロック / 空の評価回の削除
  round unlock --db F --round R --reason 理由
  round confirm-carried --db F --round R [--org 局区,…] [--levels A,B]   繰越の一括確定
  rank set --db F --round R --issue KEY [--rank V] [--comment TEXT]     ランク・所見 (監査ログに記録)
  import  FILE --db F [--dry-run] [--round R] [--version-label L --version-as-of YYYY-MM]
          [--encoding cp932|utf8|utf16|utf16be] [--level A|B|C] [--map 名前=局区|名前=新規,…]
          [--create-round --as-of YYYY-MM [--round-title T] [--meeting-date D] [--scale 名前]]
          一覧 (Excel/CSV) の取り込み。--dry-run で取り込み前の確認のみ
  import  --undo N --db F              取り込み N を取り消す
  imports --db F                       取り込みの記録
  export  report|compare|org|grid --db F --out FILE [--format docx|pdf|xlsx|csv]
          [--round R] [--issues ID,…] [--org 局区,…] [--levels A,B] [--from L --to L]
          [--paper A3|A4] [--orientation portrait|landscape] [--font NAME] [--tracked]
          [--seireki] [--encoding cp932|utf8] [--force]
          [--carried mark|refuse] [--revision-date newer|export]
          会議資料 (進捗報告・比較表・局区別) と一覧 (Excel/CSV) の出力
  pack    --db F --out FILE.pdf [--round R] [--meeting 名前] [--materials report,compare,org]
          [--font NAME] [--seireki] [--force]
          X会議の資料一式を1つのPDFに (表紙・資料番号・通しページ番号)
  publish --db F --out DIR [--round R] [--comments] [--notes] [--history] [--force]
          市HPに載せる公表用フォルダ (HTMLとオープンデータ)。内部の項目は指定したときだけ
  inquiry generate --db F --out DIR [--label L] [--title T] [--org 局区,…] [--levels A,B]
          [--deadline YYYY-MM-DD]      照会の様式 (局区ごとの .xlsx) を作成 (既存のファイルは上書きしない)
  inquiry collect DIR_OR_FILES… --db F [--label L] [--dry-run] [--theirs] [--json]
                                       回答の取り込み (--dry-run で確認のみ、--theirs で競合は回答を採用)
  inquiry status --db F [--label L] [--json]  局区ごとの回答状況
  inquiry rekey --db F --label L --out DIR  全データの書き出しから読み込んだ照会の鍵を作り直し、様式を作り直す
  share create --db F --dir DIR [--name N]  このデータベースを共有フォルダの共有データにする
  share join --dir DIR --db N          共有フォルダのスナップショットから新しいデータベース N を作り参加
  share sync --db F                    送信と受信を1回 (アプリは自動で繰り返します)
  share status --db F [--json]         同期の状態 (未送信・要確認・共有フォルダの問題)
  share compact --db F                 新しいスナップショットを置き、それ以前の変更ファイルを archive へ移す (責任者用)
  share create|join … --url postgresql://ユーザー@サーバー/DB   共有フォルダの代わりに PostgreSQL で共有
                                       (パスワードは XPW_PG_PASSWORD、--password-file F (chmod 600) か ~/.pgpass)
  share move --db F --to postgresql://…  共有フォルダのデータをサーバーへ移す (同僚も同じコマンドで続く)
  share pg-setup --print [--database xpw] [--owner xpw_owner] [--client xpw_client] [--login xpw_app]
                                       DB管理者向け: データベースとロールを作るSQLを表示
  share pg-migrate --url postgresql://xpw_owner@…  サーバーの構成を更新 (所有者ロールのみ)`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name ? 0 : 1;
  }
  if (name === '--version' || name === '-V') {
    console.log(versionText());
    return 0;
  }
  if (!(name in commands)) {
    console.error(`エラー: 不明なコマンド「${name}」\n${USAGE}`);
    return 2;
  }
  const command: Command = commands[name as CommandName];
  const { values, positionals } = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: command.positionals ?? false });
  return command.run(values as Record<string, string | boolean | undefined>, positionals);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  async (e: unknown) => {
    // One line, no stack: the message already says what and where.
    console.error(`エラー: ${e instanceof Error ? e.message : String(e)}`);
    // The way out (a good backup) is looked for only after a failure.
    const { failureHint } = await import('./failure-hint.js');
    const hint = failureHint(e, process.argv.slice(2));
    if (hint) console.error(hint);
    process.exit(1);
  },
);
