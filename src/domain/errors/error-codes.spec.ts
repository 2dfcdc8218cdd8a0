import { PROTOCOL_FINDING_CODES } from '../protocol/protocol-finding';
import { ERROR_CODES, type ErrorCodeInfo, isErrorCode, isFieldCode } from './error-codes';

const entries = Object.entries(ERROR_CODES) as [string, ErrorCodeInfo][];

describe('the error-code registry', () => {
  it.each(entries)(
    '%s is UPPER_SNAKE with a one-line meaning and a place it appears',
    (code, info) => {
      expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      expect(info.meaning.trim()).not.toBe('');
      expect(info.meaning).not.toMatch(/\n/);
      expect(info.status !== undefined || info.field === true).toBe(true);
    },
  );

  it('gives top-level codes an error status', () => {
    for (const [, info] of entries) {
      if (typeof info.status === 'number') {
        expect(info.status).toBeGreaterThanOrEqual(400);
        expect(info.status).toBeLessThan(600);
      }
    }
  });

  it('tells registered codes and field codes from others', () => {
    expect(isErrorCode('INVALID_TIME_ZONE')).toBe(true);
    expect(isErrorCode('UNKNOWN_TIME_ZONE')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
    expect(isFieldCode('INVALID_RRULE')).toBe(true);
    expect(isFieldCode('NOT_FOUND')).toBe(false);
  });

  it('marks exactly the codes the protocol check can return as findings', () => {
    const findings = entries.filter(([, info]) => info.finding).map(([code]) => code);
    expect(findings.sort()).toEqual([...PROTOCOL_FINDING_CODES].sort());
  });
});
