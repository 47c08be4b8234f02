/** A judge's unsaved marks, kept in localStorage per event, project and judge until they are saved. */
export interface RubricDraft {
  scores: Record<string, number | string>;
  comment: string;
}

export const draftKey = (slug: string, projectId: string, judgeId: string) => `arena.judging.draft:${slug}:${projectId}:${judgeId}`;

export function readDraft(key: string): RubricDraft | null {
  try {
    const value = JSON.parse(localStorage.getItem(key) ?? 'null') as unknown;
    if (!value || typeof value !== 'object') return null;
    const { scores, comment } = value as Partial<RubricDraft>;
    if (!scores || typeof scores !== 'object') return null;
    const clean: Record<string, number | string> = {};
    for (const [id, mark] of Object.entries(scores)) if (typeof mark === 'number' || typeof mark === 'string') clean[id] = mark;
    return { scores: clean, comment: typeof comment === 'string' ? comment : '' };
  } catch {
    return null;
  }
}

export function writeDraft(key: string, draft: RubricDraft): void {
  try {
    localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage full or refused (private mode): the form still works, the draft just does not survive a reload.
  }
}

export function clearDraft(key: string): void {
  localStorage.removeItem(key);
}
