/**
 * The guess of an issue type from a problem's text. The vocabulary itself (DOMAIN.md's issue
 * types plus 其他: codes and the labels users see and the template's 问题类型 column offers) is
 * the one list in `@sunshine/shared/domain` (`ASSESSMENT_ISSUE_TYPES`), shared with the API's
 * validation and the web filters.
 */
import {
  ASSESSMENT_ISSUE_TYPE_CODES,
  ASSESSMENT_ISSUE_TYPES,
  type AssessmentIssueType,
} from '@sunshine/shared/domain';

const LABELS: Readonly<Record<AssessmentIssueType, string>> = ASSESSMENT_ISSUE_TYPES;

/**
 * Words that point to a type, strongest first within each type. A guess scores every type by
 * the summed weight of its patterns found in the text; the indicator path counts for less.
 */
const PATTERNS: ReadonlyArray<readonly [AssessmentIssueType, RegExp, number]> = [
  ['PRIVACY_EXPOSED', /个人隐私|个人信息|身份证号|手机号码|泄露|未脱敏|未作脱敏|隐私/, 5],
  [
    'BROKEN_LINK',
    /链接失效|无法打开|打不开|错链|死链|链接错误|链接无效|404|无法访问|跳转错误|页面不存在/,
    5,
  ],
  ['TYPO_SENSITIVE', /错别字|错敏词|敏感词|错字|表述错误|文字错误|标点错误/, 5],
  [
    'EMPTY_COLUMN',
    /空白栏目|栏目空白|栏目为空|无内容|无任何内容|空栏目|未发布任何|暂无信息|暂无内容/,
    4,
  ],
  [
    'NO_INTERPRETATION',
    /未(?:同步)?(?:发布|进行|开展|关联)?(?:政策)?解读|缺少解读|无解读|解读材料|图文解读/,
    5,
  ],
  ['NO_INTERPRETATION', /解读.{0,8}未.{0,6}关联|未.{0,6}关联.{0,6}解读/, 5],
  ['NO_INTERPRETATION', /政策解读/, 2],
  ['CONSULTATION_INCOMPLETE', /意见征集|征求意见|起草说明|采纳情况|意见反馈|草案/, 4],
  ['NO_VALIDITY_MARK', /有效性|有效期|失效|废止|规范性文件|立改废/, 3],
  ['ANNUAL_REPORT', /年度报告|年报|勾稽|工作报告/, 4],
  ['AUDIT_RESULT_MISSING', /审计结果公告|审计结果|审计工作报告|结果公告/, 4],
  ['RECTIFICATION_UNDISCLOSED', /整改情况|整改结果|整改报告/, 4],
  [
    'APPLICATION_LATE',
    /依申请|申请公开|超期|逾期答复|答复期限|救济途径|救济渠道|告知书|申请渠道/,
    4,
  ],
  ['GUIDE_OUTDATED', /公开指南|公开目录|信息公开指南|目录未更新|指南未更新|目录/, 3],
  ['SEARCH_BROKEN', /站内搜索|搜索功能|检索功能|搜索不可用|无法搜索|检索不到|搜索不到/, 5],
  ['NEW_MEDIA_DORMANT', /新媒体|微信公众号|公众号|微博|政务号|两微一端|抖音|头条号/, 4],
  ['MESSAGES_UNANSWERED', /(?:留言|信箱|咨询|来信).{0,12}未(?:回复|答复|办结)/, 5],
  ['MESSAGES_UNANSWERED', /留言|未回复|互动|回应关切|信箱/, 3],
  ['COLUMN_NOT_UPDATED', /更新不及时|未及时更新|长期未更新|更新滞后/, 5],
  ['COLUMN_NOT_UPDATED', /未更新|超过.{0,4}(?:个月|天|周)未|最新(?:信息|一条)/, 3],
];

export interface IssueTypeGuess {
  type: AssessmentIssueType;
  /** How sure the guess is: EXACT (a label or code as written), GUESSED (from words), NONE (其他). */
  basis: 'EXACT' | 'GUESSED' | 'NONE';
}

function normalise(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

const LABEL_LOOKUP: ReadonlyMap<string, AssessmentIssueType> = new Map(
  ASSESSMENT_ISSUE_TYPE_CODES.flatMap((code) => [
    [normalise(LABELS[code]), code] as const,
    [code, code] as const,
    // Each alternative of a label ('链接失效/错链' → '链接失效', '错链').
    ...LABELS[code].split('/').map((part) => [normalise(part), code] as const),
  ]),
);

/** The type a 问题类型 cell names exactly (a label, one of its '/' alternatives, or a code), or null. */
export function issueTypeFromLabel(text: string): AssessmentIssueType | null {
  const key = normalise(text);
  if (key === '') return null;
  return LABEL_LOOKUP.get(key) ?? LABEL_LOOKUP.get(key.toUpperCase()) ?? null;
}

function scores(text: string, weight: number, into: Map<AssessmentIssueType, number>): void {
  for (const [type, pattern, strength] of PATTERNS) {
    if (pattern.test(text)) into.set(type, (into.get(type) ?? 0) + strength * weight);
  }
}

/**
 * The type a problem most probably has, from its description (and location), with its indicator
 * path as a weaker hint. 其他 when nothing points anywhere.
 */
export function guessIssueType(
  description: string,
  context: { indicator?: string; location?: string; typeText?: string } = {},
): IssueTypeGuess {
  if (context.typeText) {
    const exact = issueTypeFromLabel(context.typeText);
    if (exact) return { type: exact, basis: 'EXACT' };
  }
  const found = new Map<AssessmentIssueType, number>();
  scores(normalise(description), 3, found);
  if (context.typeText) scores(normalise(context.typeText), 3, found);
  if (context.location) scores(normalise(context.location), 1, found);
  if (context.indicator) scores(normalise(context.indicator), 1, found);
  let best: AssessmentIssueType | null = null;
  let bestScore = 0;
  // Ties go to the type listed first.
  for (const type of ASSESSMENT_ISSUE_TYPE_CODES) {
    const score = found.get(type) ?? 0;
    if (score > bestScore) {
      best = type;
      bestScore = score;
    }
  }
  return best === null ? { type: 'OTHER', basis: 'NONE' } : { type: best, basis: 'GUESSED' };
}
