// Texts often arrive with their bullets run together in one paragraph ("… 必要。 ・ 現状を踏まえた
// … ・ 統廃合時期の前倒し"). The reading pane shows each ・ item on its own line; the stored text
// is not changed. A ・ inside a word (AI・RPA, 集約・廃止) is a middle dot, not a bullet: only a ・
// at the start or after a space or line break starts an item.

export interface BulletText {
  /** Text before the first bullet (may be empty). */
  lead: string;
  items: string[];
}

export function splitBullets(text: string): BulletText {
  const parts = text.split(/(?:^|[\s\u3000]+)・[\s\u3000]*/);
  const lead = (parts.shift() ?? '').trim();
  return { lead, items: parts.map((p) => p.trim()).filter(Boolean) };
}
