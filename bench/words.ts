// Vocabulary for synthetic but realistic Japanese issue titles, comments and version texts, in
// the style of the published R6 list (resources/sample/a-issues.tsv).
import type { Random } from './random.js';

const PLACES = [
  '区役所', '本庁舎', '公共施設', '市民センター', '保育所', '図書館', '体育館', '消防署', '上下水道施設',
  '港湾施設', '公園', '市営住宅', '学校', '出張所', '文化施設', '福祉施設', '窓口', '庁内',
] as const;

const TOPICS = [
  '窓口業務', '市民サービス', '防災体制', '子育て支援', '業務効率化', '公共施設マネジメント', '財源確保', '人材育成',
  '情報発信', '契約事務', '施設の維持管理', '広報・周知', '働き方改革', 'ペーパーレス化', '手続きのオンライン化',
  '観光振興', '地域コミュニティ支援', '高齢者福祉', '脱炭素化', 'データ活用', '内部統制', '事務処理', '庁内情報共有',
  '相談体制', '避難支援', '予約サービス', '証明書発行', '検査業務', '補助金審査', '職員研修', '公民連携',
  'キャッシュレス化', '会計事務', '道路維持管理', '空き家対策', '交通安全', '健康づくり', '介護予防', '児童虐待防止',
] as const;

const TECH = [
  'デジタル', 'AI', 'RPA', 'ローコードツール', '生成AI', 'クラウド', 'キャッシュレス決済', 'オンライン予約', '電子申請',
  'GIS', 'データ連携基盤', 'タブレット端末', 'チャットボット',
] as const;

const VERBS = [
  '見直し', '推進', '強化', '効率化', '改善', '構築', '拡充', '導入', '検討', '最適化', '再編', '充実', '向上', '標準化', '一元化',
] as const;

const TAGS = ['DX推進', '効率性・生産性向上', '市民サービス向上', '財政健全化', '組織・人材', '公民連携'] as const;

const GOALS = ['市民の利便性向上', '職員の負担軽減', 'コスト削減', '持続可能な運営', '安全・安心の確保', '来庁者満足度の向上'] as const;

const DETAILS = [
  '予約サービスの導入など', '先行事例の調査を含む', '関係局との連携', 'モデル区での試行', '民間活力の導入',
  '利用者アンケートの実施', '手順書の整備', 'システム改修を含む',
] as const;

/** A title such as 「区役所におけるAIを活用した窓口業務の効率化 〈DX推進〉」. */
export function issueTitle(r: Random): string {
  let t: string;
  switch (r.int(0, 6)) {
    case 0:
      t = `${r.pick(PLACES)}における${r.pick(TOPICS)}の${r.pick(VERBS)}`;
      break;
    case 1:
      t = `${r.pick(TECH)}を活用した${r.pick(TOPICS)}の${r.pick(VERBS)}`;
      break;
    case 2:
      t = `${r.pick(GOALS)}に向けた${r.pick(TOPICS)}の${r.pick(VERBS)}`;
      break;
    case 3:
      t = `${r.pick(TOPICS)}の${r.pick(VERBS)}（${r.pick(DETAILS)}）`;
      break;
    case 4:
      t = `${r.pick(TECH)}による${r.pick(PLACES)}の${r.pick(TOPICS)}${r.pick(VERBS)}`;
      break;
    case 5:
      t = `${r.pick(PLACES)}の${r.pick(TOPICS)}と${r.pick(TOPICS)}の一体的な${r.pick(VERBS)}`;
      break;
    default:
      t = `${r.pick(TOPICS)}に係る${r.pick(TECH)}の${r.pick(VERBS)}`;
  }
  return r.chance(0.3) ? `${t} 〈${r.pick(TAGS)}〉` : t;
}

const COMMENTS = [
  '具体的な作業が進んでいることを確認した。',
  '内部での検討にとどまっており、次回までに具体的な成果を示すこと。',
  '完了を確認。効果の検証結果を報告されたい。',
  'スケジュールに遅れが見られる。課題の整理が必要。',
  '他局への横展開を検討すること。',
  '市民への周知方法を再検討されたい。',
  '費用対効果の説明が不足している。',
  '試行結果を踏まえて本格実施の判断を行うこと。',
] as const;

export function comment(r: Random): string {
  return r.chance(0.3) ? `${r.pick(COMMENTS)}${r.pick(COMMENTS)}` : r.pick(COMMENTS);
}

const SENTENCES = [
  (r: Random) => `・ ${r.pick(PLACES)}では${r.pick(TOPICS)}に多くの時間を要しており、${r.pick(GOALS)}の観点から見直しが必要である。`,
  (r: Random) => `・ ${r.pick(TECH)}の導入により、${r.pick(TOPICS)}の${r.pick(VERBS)}を図る。`,
  (r: Random) => `・ 令和${r.int(5, 8)}年度までに${r.pick(TOPICS)}に関する計画を策定し、${r.pick(PLACES)}で試行する。`,
  (r: Random) => `・ 関係局と協議のうえ、${r.pick(DETAILS)}について検討を進めている。`,
  (_r: Random) => `・ 建築費の高騰や施設の老朽化の進行等により、将来必要となる経費が増加する見込みである。`,
  (r: Random) => `・ ${r.pick(TOPICS)}の現状を調査した結果、${r.pick(PLACES)}の利用者から改善の要望が寄せられている。`,
  (r: Random) => `・ ${r.int(2, 30)}件の事例を収集し、${r.pick(TECH)}の適用可能性を評価した。`,
] as const;

/** A paragraph of `n` bullet sentences, as in the B/C progress sheets. */
export function paragraph(r: Random, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(r.pick(SENTENCES)(r));
  return out.join(' ');
}

export const STAFF = ['山田 太郎', '佐藤 花子', '鈴木 一郎', '高橋 美咲', '田中 健', '伊藤 由美', '変革室 渡辺'] as const;
