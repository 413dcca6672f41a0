import { describe, expect, it } from 'vitest';
import { isValidUai, uaiCheckLetter, uaiSchema } from '../../server/contracts/directory';
import { DEMO_UAI } from '../../server/modules/directory/demo/demo-school';

describe('UAI', () => {
  it('computes the check letter as the alphabet without I, O, Q indexed by n mod 23', () => {
    // 750654 = 23 × 32637 + 3 → D; 141234 = 23 × 6140 + 14 → R (the alphabet has no I, O, Q)
    expect(uaiCheckLetter('0750654')).toBe('D');
    expect(uaiCheckLetter('0141234')).toBe('R');
    expect(uaiCheckLetter('0000000')).toBe('A');
    // 22 is the last index: Z
    expect(uaiCheckLetter('0000022')).toBe('Z');
    expect(uaiCheckLetter('0000023')).toBe('A');
  });

  it('accepts a UAI with its check letter, in either case', () => {
    expect(isValidUai('0750654D')).toBe(true);
    expect(isValidUai('0750654d')).toBe(true);
    expect(uaiSchema.parse(' 0750654d ')).toBe('0750654D');
    expect(isValidUai(DEMO_UAI)).toBe(true);
  });

  it('rejects a wrong check letter, letters outside the alphabet and wrong lengths', () => {
    expect(isValidUai('0750654E')).toBe(false);
    expect(isValidUai('0750654I')).toBe(false);
    expect(isValidUai('075065D')).toBe(false);
    expect(isValidUai('00750654D')).toBe(false);
    expect(isValidUai('0750654')).toBe(false);
    expect(isValidUai('A750654D')).toBe(false);
    expect(isValidUai('')).toBe(false);
    expect(uaiSchema.safeParse('0750654E').success).toBe(false);
  });
});
