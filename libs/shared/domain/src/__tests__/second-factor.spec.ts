import { Role } from '../roles';
import {
  describeUserAgent,
  normaliseRecoveryCode,
  normaliseTotpCode,
  secondFactorRequired,
} from '../second-factor';

describe('second factor rules', () => {
  it('asks the privileged accounts by default, everyone when configured', () => {
    expect(secondFactorRequired([Role.ADMIN], 'privileged')).toBe(true);
    expect(secondFactorRequired([Role.SECURITY_ADMIN], 'privileged')).toBe(true);
    expect(secondFactorRequired([Role.AUDITOR], 'privileged')).toBe(true);
    expect(secondFactorRequired([Role.EDITOR, Role.REVIEWER], 'privileged')).toBe(false);
    expect(secondFactorRequired([Role.EDITOR], 'all')).toBe(true);
  });

  it('reads codes as typed', () => {
    expect(normaliseTotpCode(' 123 456 ')).toBe('123456');
    expect(normaliseTotpCode('12345')).toBeNull();
    expect(normaliseRecoveryCode('ABCDE-fghij')).toBe('abcdefghij');
    expect(normaliseRecoveryCode('abcde-fghi')).toBeNull();
  });

  it('names devices in Chinese', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
      ),
    ).toBe('Edge 126 · Windows');
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
      ),
    ).toBe('Safari 17 · macOS');
    expect(describeUserAgent(null)).toBe('未知设备');
    expect(describeUserAgent('node')).toBe('程序客户端');
  });
});
