import { describe, expect, test } from 'vitest';
import { formatChange, formatValue } from '../src/format.js';

describe('formatValue', () => {
  test('counts, money, percent and decimals follow locale and currency', () => {
    expect(formatValue(1234567, 'count', { locale: 'en-US' })).toBe('1,234,567');
    expect(formatValue(12.5, 'money', { locale: 'en-US', currency: 'USD' })).toBe('$12.50');
    // From 1,000 on, cents are dropped (rounded): 1234.5 -> 1,235.
    expect(formatValue(1234.5, 'money', { locale: 'en-US', currency: 'USD' })).toBe('$1,235');
    // de-DE: dot for thousands, comma for decimals, the euro sign after a (no-break) space.
    expect(formatValue(1234.5, 'money', { locale: 'de-DE', currency: 'EUR' })).toBe('1.235\u00a0€');
    expect(formatValue(99.9, 'money', { locale: 'de-DE', currency: 'EUR' })).toBe('99,90\u00a0€');
    expect(formatValue(0.1234, 'percent', { locale: 'en-US' })).toBe('12.3%');
    expect(formatValue(2.345, 'decimal', { locale: 'en-US' })).toBe('2.35');
    expect(formatValue(1500, 'count', { locale: 'en-US' }, true)).toBe('1.5K');
  });

  test('missing values become a dash', () => {
    expect(formatValue(null, 'count')).toBe('—');
    expect(formatValue(Number.NaN, 'money')).toBe('—');
  });
});

describe('formatChange', () => {
  test('sign, arrow and a sentence; colour is never the only channel', () => {
    expect(formatChange(12.5, { locale: 'en-US' })).toEqual({ direction: 'up', text: '▲ +12.5%', description: 'up 12.5% versus the previous period' });
    expect(formatChange(-3.21, { locale: 'en-US' })).toEqual({ direction: 'down', text: '▼ −3.2%', description: 'down 3.2% versus the previous period' });
    expect(formatChange(0.04, { locale: 'en-US' })).toEqual({ direction: 'flat', text: '→ 0%', description: 'unchanged versus the previous period' });
  });

  test('null change (previous period 0 or missing) is a dash', () => {
    expect(formatChange(null).text).toBe('—');
    expect(formatChange(null).direction).toBe('none');
  });

  test('locale decimal separator', () => {
    // de-DE writes 12,5 % with a no-break space before the percent sign.
    expect(formatChange(12.5, { locale: 'de-DE' }).text).toBe('▲ +12,5\u00a0%');
  });
});
