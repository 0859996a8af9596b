import { charsetOf, pageText, SNAPSHOT_MAX_CHARS, summarizeBody } from '../page-text';

describe('page text', () => {
  it('keeps the visible text only: no scripts, styles, comments, head or tags; entities decoded', () => {
    const html = `<!doctype html><html><head><title>关于 &quot;政务公开&quot; 的通知</title>
      <meta charset="utf-8"><style>.a{color:red}</style><script>var secret = 1;</script></head>
      <body><!-- 注释 --><div>第一段&nbsp;内容</div><noscript>请启用脚本</noscript>
      <p>第二段 &#x4E2D;&#25991; &amp; more</p><svg><text>图</text></svg></body></html>`;
    expect(pageText(html)).toEqual({
      title: '关于 "政务公开" 的通知',
      text: '第一段 内容 第二段 中文 & more',
    });
  });

  it('hashes the visible text, so markup-only changes are no change', () => {
    const a = summarizeBody(Buffer.from('<p>同一内容</p><script>t=1</script>'), 'text/html');
    const b = summarizeBody(
      Buffer.from('<div class="x">同一内容</div><script>t=2</script>'),
      'text/html',
    );
    const c = summarizeBody(Buffer.from('<p>不同内容</p>'), 'text/html');
    expect(a.contentHash).toBe(b.contentHash);
    expect(a.contentHash).not.toBe(c.contentHash);
  });

  it('hashes the bytes of a non-text response and stores no snapshot', () => {
    const pdf = summarizeBody(Buffer.from('%PDF-1.7 ...'), 'application/pdf');
    expect(pdf.snapshot).toBeNull();
    expect(pdf.title).toBeNull();
    expect(pdf.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('bounds the snapshot but hashes the whole text', () => {
    const long = 'a'.repeat(SNAPSHOT_MAX_CHARS + 10);
    const one = summarizeBody(Buffer.from(`<p>${long}b</p>`), 'text/html');
    const two = summarizeBody(Buffer.from(`<p>${long}c</p>`), 'text/html');
    expect(one.snapshot!.length).toBe(SNAPSHOT_MAX_CHARS);
    expect(one.snapshot).toBe(two.snapshot);
    expect(one.contentHash).not.toBe(two.contentHash);
  });

  it('reads the charset from the header or a meta tag (gb2312 read as gb18030)', () => {
    expect(charsetOf('text/html; charset=GB2312', Buffer.alloc(0))).toBe('gb18030');
    expect(charsetOf('text/html', Buffer.from('<meta charset="gbk">'))).toBe('gb18030');
    expect(
      charsetOf(
        null,
        Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'),
      ),
    ).toBe('utf-8');
    expect(charsetOf(null, Buffer.from('<p>x</p>'))).toBe('utf-8');
  });
});
