import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/proxy/rate-limit.js';
import { createProxyHandlerWith } from '../../src/proxy/handler.js';
import { checkDepth } from '../../src/proxy/json-guard.js';
import { AllowList } from '../../src/proxy/allow-list.js';
import { FAKE_ENGINE } from './harness.js';

describe('rate limiter', () => {
  it('allows `requests` per window and key, then says when to retry; a new window starts afresh', () => {
    let now = 1_000;
    const limiter = new RateLimiter({ requests: 2, perMs: 10_000, now: () => now });
    expect(limiter.take('a')).toBeNull();
    expect(limiter.take('a')).toBeNull();
    now += 2_500;
    expect(limiter.take('a')).toBe(8); // 7.5 s left, rounded up
    expect(limiter.take('b')).toBeNull();
    now += 7_500;
    expect(limiter.take('a')).toBeNull();
  });

  it('refuses nonsense settings', () => {
    expect(() => new RateLimiter({ requests: 0, perMs: 1 })).toThrow(/requests must be an integer >= 1/);
    expect(() => new RateLimiter({ requests: 1, perMs: 0 })).toThrow(/perMs must be > 0/);
  });
});

describe('proxy options', () => {
  it('need a client and an allow-list; limits must be positive integers', () => {
    const client = {} as never;
    expect(() => createProxyHandlerWith({ client: undefined as never, allow: { fields: {} }, engine: FAKE_ENGINE })).toThrow(/options.client/);
    expect(() => createProxyHandlerWith({ client, allow: undefined as never, engine: FAKE_ENGINE })).toThrow(/allow.fields is required/);
    expect(() => createProxyHandlerWith({ client, allow: { fields: {} }, limits: { maxDepth: 0 }, engine: FAKE_ENGINE })).toThrow(/limits.maxDepth must be an integer >= 1/);
  });
});

describe('json guard and allow-list', () => {
  it('counts nesting on the raw text, skipping brackets inside strings and escaped quotes', () => {
    expect(() => checkDepth('{"a":"[[[[[[[[\\"[[[["}', 2)).not.toThrow();
    expect(() => checkDepth('[[[]]]', 2)).toThrow(/deeper than 2/);
  });

  it('resolves unqualified fields over every allowed table and qualified ones in theirs only', () => {
    const allow = new AllowList({ sessions: ['client'], customers: ['gender'] });
    expect(allow.allows('client')).toBe(true);
    expect(allow.allows('gender')).toBe(true);
    expect(allow.allows('customers.gender')).toBe(true);
    expect(allow.allows('sessions.gender')).toBe(false);
    expect(allow.allows('lines.product')).toBe(false);
    expect(allow.hasTable('lines')).toBe(false);
    expect(allow.allows('constructor')).toBe(false);
  });
});
