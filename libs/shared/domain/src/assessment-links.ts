/**
 * The "链接状态" of an assessment issue: the worst of its links (the location URLs and the
 * rectification links) — BROKEN (4xx/5xx, DNS, timeout, refused), PENDING (not checked yet),
 * UNCHANGED (a rectification link's page is the same as the page when the issue was
 * raised: not fixed), CHANGED (differs from it), OK.
 */
export const ASSESSMENT_LINK_STATES = ['BROKEN', 'PENDING', 'UNCHANGED', 'CHANGED', 'OK'] as const;
export type AssessmentLinkState = (typeof ASSESSMENT_LINK_STATES)[number];

export const ASSESSMENT_LINK_STATE_LABELS: Record<AssessmentLinkState, string> = {
  BROKEN: '失效',
  PENDING: '待检查',
  UNCHANGED: '未变化',
  CHANGED: '已变化',
  OK: '正常',
};

/** Link owner kinds the assessment registers with the link checker. */
export const ASSESSMENT_LINK_KINDS = {
  location: 'assessment-issue',
  rectification: 'assessment-rectification',
} as const;

/** Characters that end a URL written in Chinese running text. */
const URL_IN_TEXT = /https?:\/\/[^\s<>"'`，。；：、！？（）【】《》“”‘’]+/gi;

/**
 * The http(s) URLs written in a free-text field (an issue's location may be a URL, a column path
 * such as "首页 > 政务公开", or both): trailing punctuation dropped, without repeats, at most `max`.
 */
export function urlsInText(text: string, max = 20): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(URL_IN_TEXT)) {
    const raw = m[0].replace(/[.,;:!?)\]}]+$/, '');
    try {
      const u = new URL(raw);
      if (u.username || u.password || raw.length > 2048 || !u.hostname) continue;
      out.add(raw);
    } catch {
      continue;
    }
    if (out.size >= max) break;
  }
  return [...out];
}
