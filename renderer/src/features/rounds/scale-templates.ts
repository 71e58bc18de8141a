// Starting points for a new ランク基準 (kept in common/ so the CLI offers the same ones).
export { SCALE_TEMPLATES, type RankDraft } from '../../../../common/scale-templates';
