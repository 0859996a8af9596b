import { ASSESSMENT_ISSUE_TYPE_OPTIONS } from '@sunshine/shared/domain';
import { guessIssueType, issueTypeFromLabel } from '../issue-types';
import { extractUrls } from '../urls';

describe('issue types', () => {
  it('has the DOMAIN.md vocabulary plus 其他, with distinct codes and labels', () => {
    expect(ASSESSMENT_ISSUE_TYPE_OPTIONS).toHaveLength(17);
    expect(new Set(ASSESSMENT_ISSUE_TYPE_OPTIONS.map((t) => t.value)).size).toBe(17);
    expect(new Set(ASSESSMENT_ISSUE_TYPE_OPTIONS.map((t) => t.label)).size).toBe(17);
    expect(ASSESSMENT_ISSUE_TYPE_OPTIONS.at(-1)).toEqual({ value: 'OTHER', label: '其他' });
  });

  it('reads a label, one of its alternatives, or a code exactly', () => {
    expect(issueTypeFromLabel('链接失效/错链')).toBe('BROKEN_LINK');
    expect(issueTypeFromLabel('错链')).toBe('BROKEN_LINK');
    expect(issueTypeFromLabel(' 空白栏目 ')).toBe('EMPTY_COLUMN');
    expect(issueTypeFromLabel('empty_column')).toBe('EMPTY_COLUMN');
    expect(issueTypeFromLabel('乱七八糟')).toBeNull();
  });

  it.each([
    ['“政策解读”栏目最新信息为2023年，更新不及时', 'COLUMN_NOT_UPDATED'],
    ['“审计结果公告”栏目为空白栏目', 'EMPTY_COLUMN'],
    ['首页“政务公开”链接无法打开，返回404', 'BROKEN_LINK'],
    ['《关于…的通知》中存在错别字“布署”', 'TYPO_SENSITIVE'],
    ['2025年3月发布的规范性文件未同步发布政策解读', 'NO_INTERPRETATION'],
    ['意见征集未公开起草说明和采纳情况', 'CONSULTATION_INCOMPLETE'],
    ['规范性文件未标注有效性', 'NO_VALIDITY_MARK'],
    ['2024年政府信息公开工作年度报告表三勾稽关系不平', 'ANNUAL_REPORT'],
    ['未公开2024年度审计结果公告', 'AUDIT_RESULT_MISSING'],
    ['审计查出问题整改情况未公开', 'RECTIFICATION_UNDISCLOSED'],
    ['依申请公开答复超期，未告知救济途径', 'APPLICATION_LATE'],
    ['政府信息公开指南未根据机构改革更新', 'GUIDE_OUTDATED'],
    ['公示名单中含有身份证号码，泄露个人隐私', 'PRIVACY_EXPOSED'],
    ['站内搜索功能不可用', 'SEARCH_BROKEN'],
    ['微信公众号超过半年未发布信息', 'NEW_MEDIA_DORMANT'],
    ['局长信箱留言超过一个月未回复', 'MESSAGES_UNANSWERED'],
  ])('guesses %s → %s', (text, type) => {
    expect(guessIssueType(text)).toEqual({ type, basis: 'GUESSED' });
  });

  it('answers 其他 when nothing points anywhere, and uses the indicator as a weaker hint', () => {
    expect(guessIssueType('相关内容需进一步完善')).toEqual({ type: 'OTHER', basis: 'NONE' });
    expect(guessIssueType('内容不全', { indicator: '政策解读' }).type).toBe('NO_INTERPRETATION');
    // The description outweighs the indicator.
    expect(guessIssueType('链接失效', { indicator: '政策解读' }).type).toBe('BROKEN_LINK');
  });

  it('takes an exact 问题类型 cell over the words', () => {
    expect(guessIssueType('链接失效', { typeText: '空白栏目' })).toEqual({
      type: 'EMPTY_COLUMN',
      basis: 'EXACT',
    });
  });
});

describe('extractUrls', () => {
  it('finds addresses in location text, with and without a scheme, without trailing punctuation', () => {
    expect(
      extractUrls(
        '政策法规-规范性文件立改废，见https://www.ah.gov.cn/a/b.html；另见 www.hefei.gov.cn/sjj/index.html。',
      ),
    ).toEqual(['https://www.ah.gov.cn/a/b.html', 'http://www.hefei.gov.cn/sjj/index.html']);
  });

  it('folds full-width characters, drops duplicates, ignores column paths', () => {
    expect(extractUrls('ｈｔｔｐ：／／ａ.gov.cn/x；http://a.gov.cn/x')).toEqual([
      'http://a.gov.cn/x',
    ]);
    expect(extractUrls('政策法规-规范性文件立改废')).toEqual([]);
    expect(extractUrls('yaohai.gov.cn/zwgk')).toEqual(['http://yaohai.gov.cn/zwgk']);
  });
});

describe('extractUrls and e-mail addresses', () => {
  it('does not take the domain of an e-mail address for a page', () => {
    expect(extractUrls('联系邮箱 sjj@hefei.gov.cn，网站 www.hefei.gov.cn')).toEqual([
      'http://www.hefei.gov.cn',
    ]);
  });
});
