import { urlsInText } from '../assessment-links';

describe('urlsInText', () => {
  it('finds the http(s) URLs in a location written in Chinese running text', () => {
    expect(
      urlsInText(
        '首页 > 政务公开（http://www.example.gov.cn/zwgk/index.html），另见https://example.gov.cn/a?b=1。',
      ),
    ).toEqual(['http://www.example.gov.cn/zwgk/index.html', 'https://example.gov.cn/a?b=1']);
  });

  it('drops trailing punctuation, repeats, credentials and non-http schemes', () => {
    expect(
      urlsInText(
        'http://a.example/x. http://a.example/x, ftp://a.example/y https://u:p@a.example/z http://b.example/',
      ),
    ).toEqual(['http://a.example/x', 'http://b.example/']);
  });

  it('answers nothing for a column path and caps the number of URLs', () => {
    expect(urlsInText('首页 > 机构职能 > 领导信息')).toEqual([]);
    const many = Array.from({ length: 30 }, (_, i) => `http://h${i}.example/`).join(' ');
    expect(urlsInText(many, 5)).toHaveLength(5);
  });
});
