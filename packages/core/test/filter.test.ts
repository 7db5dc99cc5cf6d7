import { describe, expect, it } from 'vitest';
import type { Dataset, Filter, Predicate, StringColumn } from '../src/index.js';
import { allOf, interval, isIn, ordersIn, prefix, present } from '../src/predicate.js';
import { datasetFields, evaluatePredicate, lineMask, resolveField, sessionMask, UnknownFieldError } from '../src/filter.js';

/*
 * A small shop built straight into typed arrays (no importer).
 *
 * sessions (row: id client start(UTC) bought pay dim promo):
 *   0: s1 c1 03-01 09:00 yes 100 web -
 *   1: s2 c2 03-01 14:00 no    0 app -
 *   2: s3 c1 03-02 10:00 yes  50 web P1
 *   3: s4 c3 03-03 09:00 yes  80 app -
 *   4: s5 c2 03-03 20:00 no    0 web -
 *   5: s6 c2 03-04 09:00 yes 120 app P1
 * lines (row: order product category):
 *   0: s1 A shoes/running   1: s1 B shirts   2: s2 A shoes/running   3: s3 C shoes/boots
 *   4: s4 B shirts          5: s6 A shoes/running   6: s6 C shoes/boots
 *   (s5 has no lines)
 * customers (row: client gender): 0: c1 f, 1: c2 m, 2: c3 f.
 * messages (row: client channel): 0: c3 email, 1: c2 sms, 2: c9 email (c9 never visited).
 */
function strings(values: (string | null)[]): StringColumn {
  const dictionary: string[] = [];
  const codes = Int32Array.from(values, (v) => {
    if (v === null) return -1;
    let code = dictionary.indexOf(v);
    if (code < 0) code = dictionary.push(v) - 1;
    return code;
  });
  return { type: 'string', codes, dictionary };
}

function shop(): Dataset {
  const t = (iso: string) => Date.parse(`2024-${iso}:00Z`);
  return {
    sessions: {
      name: 'sessions',
      length: 6,
      columns: {
        order_id: strings(['s1', 's2', 's3', 's4', 's5', 's6']),
        client: strings(['c1', 'c2', 'c1', 'c3', 'c2', 'c2']),
        session_start: { type: 'time', values: Float64Array.from(['03-01T09:00', '03-01T14:00', '03-02T10:00', '03-03T09:00', '03-03T20:00', '03-04T09:00'].map(t)) },
        has_purchased: { type: 'boolean', values: Uint8Array.from([1, 0, 1, 1, 0, 1]) },
        payment_amount: { type: 'number', values: Float64Array.from([100, 0, 50, 80, 0, 120]) },
        dimension: strings(['web', 'app', 'web', 'app', 'web', 'app']),
        promotion_id: strings([null, null, 'P1', null, null, 'P1']),
        customer: { type: 'ref', table: 'customers', rows: Int32Array.from([0, 1, 0, 2, 1, 1]) },
      },
    },
    lines: {
      name: 'lines',
      length: 7,
      columns: {
        order: { type: 'ref', table: 'sessions', rows: Int32Array.from([0, 0, 1, 2, 3, 5, 5]) },
        order_id: strings(['s1', 's1', 's2', 's3', 's4', 's6', 's6']),
        product: strings(['A', 'B', 'A', 'C', 'B', 'A', 'C']),
        category: strings(['shoes/running', 'shirts', 'shoes/running', 'shoes/boots', 'shirts', 'shoes/running', 'shoes/boots']),
        price: { type: 'number', values: Float64Array.from([30, 40, 30, 55, 40, 30, 65]) },
        quantity: { type: 'number', values: Float64Array.from([2, 1, 1, 1, 2, 2, 1]) },
      },
    },
    customers: {
      name: 'customers',
      length: 3,
      columns: { client: strings(['c1', 'c2', 'c3']), gender: strings(['f', 'm', 'f']) },
    },
    messages: {
      name: 'messages',
      length: 3,
      columns: { client: strings(['c3', 'c2', 'c9']), channel: strings(['email', 'sms', 'email']) },
    },
    sessionActions: [],
    customerActions: [],
    ordersOnly: false,
    time: { timeZone: 'UTC', weekStart: 1 },
  };
}

const and = (...predicates: Predicate[]): Filter => ({ mode: 'and', predicates });
const or = (...predicates: Predicate[]): Filter => ({ mode: 'or', predicates });
/** The row numbers a mask keeps. */
const rows = (mask: Uint8Array) => [...mask.keys()].filter((i) => mask[i] === 1);

describe('resolveField', () => {
  const data = shop();

  it('looks unqualified names up in sessions, then lines, then customers, then messages', () => {
    expect(resolveField(data, 'client')).toMatchObject({ table: 'sessions', column: 'client' });
    expect(resolveField(data, 'order_id')).toMatchObject({ table: 'sessions', column: 'order_id' });
    expect(resolveField(data, 'product')).toMatchObject({ table: 'lines', column: 'product' });
    expect(resolveField(data, 'gender')).toMatchObject({ table: 'customers', column: 'gender' });
    expect(resolveField(data, 'channel')).toMatchObject({ table: 'messages', column: 'channel' });
  });

  it('honours a table qualifier', () => {
    expect(resolveField(data, 'customers.client')).toMatchObject({ table: 'customers', column: 'client', field: 'customers.client' });
    expect(resolveField(data, 'lines.order_id')).toMatchObject({ table: 'lines', column: 'order_id' });
  });

  it('names the unknown field and lists the available ones', () => {
    let error: unknown;
    try {
      resolveField(data, 'colour');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnknownFieldError);
    const e = error as UnknownFieldError;
    expect(e.field).toBe('colour');
    expect(e.message).toContain('"colour"');
    expect(e.message).toContain('lines.product');
    expect(e.message).toContain('customers.gender');
    expect(e.available).toEqual(datasetFields(data));
    expect(() => resolveField(data, 'customers.colour')).toThrow(/customers\.colour/);
  });

  it('says which tables are absent', () => {
    const { lines: _lines, customers: _customers, messages: _messages, ...rest } = shop();
    expect(() => resolveField(rest as Dataset, 'product')).toThrow(/no basket lines, customers, messages loaded/);
  });
});

describe('sessionMask and lineMask', () => {
  const data = shop();

  it('selects everything with the empty filter', () => {
    expect(rows(sessionMask(data, and()))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(rows(lineMask(data, or()))).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('applies a sessions predicate to sessions directly and to lines through their order', () => {
    const f = and(isIn('dimension', ['app']));
    expect(rows(sessionMask(data, f))).toEqual([1, 3, 5]); // s2 s4 s6
    expect(rows(lineMask(data, f))).toEqual([2, 4, 5, 6]); // lines of s2, s4, s6
  });

  it('filters sessions by a product when ANY of their lines has it', () => {
    const f = and(isIn('product', ['C']));
    expect(rows(sessionMask(data, f))).toEqual([2, 5]); // s3 (C), s6 (A, C)
    expect(rows(lineMask(data, f))).toEqual([3, 6]); // only the C lines, not s6's A line
  });

  it('filters lines directly by a category path prefix', () => {
    const f = and(prefix('category', ['shoes']));
    expect(rows(lineMask(data, f))).toEqual([0, 2, 3, 5, 6]);
    expect(rows(sessionMask(data, f))).toEqual([0, 1, 2, 5]); // s1 s2 s3 s6; s4 only shirts, s5 no lines
    expect(rows(lineMask(data, and(prefix('category', ['shoes/boots']))))).toEqual([3, 6]);
    // a prefix matches whole path segments only
    expect(rows(lineMask(data, and(prefix('category', ['shoe']))))).toEqual([]);
    expect(rows(lineMask(data, and(prefix('category', ['shoes/run']))))).toEqual([]);
    expect(rows(lineMask(data, and(prefix('category', ['shirts', 'shoes/running']))))).toEqual([0, 1, 2, 4, 5]);
  });

  it('applies a customers predicate through the session customer reference', () => {
    const f = and(isIn('customers.gender', ['f']));
    expect(rows(sessionMask(data, f))).toEqual([0, 2, 3]); // c1: s1 s3, c3: s4
    expect(rows(lineMask(data, f))).toEqual([0, 1, 3, 4]); // lines of s1, s3, s4
  });

  it('applies a messages predicate to the sessions of clients with such a message', () => {
    const f = and(isIn('channel', ['email']));
    expect(rows(sessionMask(data, f))).toEqual([3]); // c3 only (c9 has no session)
    expect(rows(lineMask(data, f))).toEqual([4]);
  });

  it('tests each lines predicate on its own for sessions under "and"', () => {
    // s6 has an A line and a boots line, but no line is both.
    const f = and(isIn('product', ['A']), prefix('category', ['shoes/boots']));
    expect(rows(sessionMask(data, f))).toEqual([5]);
    expect(rows(lineMask(data, f))).toEqual([]);
  });

  it('intersects predicates across tables under "and"', () => {
    const f = and(isIn('dimension', ['app']), isIn('product', ['A']));
    expect(rows(sessionMask(data, f))).toEqual([1, 5]); // app sessions with an A line: s2, s6 (s4 only B)
    expect(rows(lineMask(data, f))).toEqual([2, 5]); // A lines of app sessions
  });

  it('unites predicates under "or"', () => {
    const f = or(isIn('dimension', ['web']), isIn('product', ['B']));
    // web: s1 s3 s5; sessions with a B line: s1 s4
    expect(rows(sessionMask(data, f))).toEqual([0, 2, 3, 4]);
    // lines of web sessions (0 1 3) or B lines (1 4)
    expect(rows(lineMask(data, f))).toEqual([0, 1, 3, 4]);
  });

  it('evaluates intervals half-open on numbers and times', () => {
    expect(rows(sessionMask(data, and(interval('payment_amount', 50, 100))))).toEqual([2, 3]); // 50 and 80; 100 excluded
    const lo = Date.parse('2024-03-01T14:00:00Z');
    const hi = Date.parse('2024-03-03T20:00:00Z');
    expect(rows(sessionMask(data, and(interval('session_start', lo, hi))))).toEqual([1, 2, 3]);
    expect(rows(lineMask(data, and(interval('price', 40, 60))))).toEqual([1, 3, 4]);
  });

  it('matches booleans by true/false or 1/0', () => {
    expect(rows(sessionMask(data, and(isIn('has_purchased', [true]))))).toEqual([0, 2, 3, 5]);
    expect(rows(sessionMask(data, and(isIn('has_purchased', [0]))))).toEqual([1, 4]);
    expect(rows(sessionMask(data, and(isIn('has_purchased', ['true', false]))))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(() => sessionMask(data, and(isIn('has_purchased', ['maybe'])))).toThrow(/has_purchased.*true\/false/);
  });

  it('lets missing string values fail an in predicate', () => {
    expect(rows(sessionMask(data, and(isIn('promotion_id', ['P1']))))).toEqual([2, 5]);
    expect(rows(sessionMask(data, and(isIn('promotion_id', ['P2']))))).toEqual([]);
  });

  it('returns an empty mask when nothing matches', () => {
    expect(rows(sessionMask(data, and(isIn('product', ['Z']))))).toEqual([]);
    expect(rows(lineMask(data, and(isIn('product', ['Z']))))).toEqual([]);
  });

  it('evaluates a predicate on its own table', () => {
    const { table, mask } = evaluatePredicate(data, isIn('gender', ['m']));
    expect(table).toBe('customers');
    expect(rows(mask)).toEqual([1]);
  });

  it('rejects predicates that do not fit the column', () => {
    expect(() => sessionMask(data, and(interval('dimension', 0, 1)))).toThrow(/interval filter on "dimension".*number or time/);
    expect(() => sessionMask(data, and(prefix('payment_amount', ['1'])))).toThrow(/prefix filter on "payment_amount"/);
    expect(() => sessionMask(data, and(isIn('customer', [1])))).toThrow(/cannot filter a ref column/);
    expect(() => sessionMask(data, and({ type: 'between', field: 'x' } as unknown as Predicate))).toThrow(/predicate.type/);
    expect(() => sessionMask(data, { mode: 'xor', predicates: [] } as unknown as Filter)).toThrow(/filter.mode/);
    expect(() => sessionMask(data, and(isIn('nope', ['x'])))).toThrow(UnknownFieldError);
  });

  it('does not let a combined filter change a later filter sharing a predicate', () => {
    const web = isIn('dimension', ['web']);
    const p1 = isIn('promotion_id', ['P1']);
    expect(rows(sessionMask(data, and(web, p1)))).toEqual([2]);
    expect(rows(sessionMask(data, or(web, p1)))).toEqual([0, 2, 4, 5]);
    expect(rows(sessionMask(data, and(web)))).toEqual([0, 2, 4]);
    expect(rows(sessionMask(data, and(p1)))).toEqual([2, 5]);
    const mask = sessionMask(data, and(web));
    mask.fill(0); // callers own the masks they get
    expect(rows(sessionMask(data, and(web)))).toEqual([0, 2, 4]);
  });

  it('refuses a line mask without basket lines', () => {
    const { lines: _lines, ...rest } = shop();
    expect(() => lineMask(rest as Dataset, and())).toThrow(/no basket lines/);
  });
});

describe('compound "and" predicates (one clause testing several fields)', () => {
  const day = (d: string) => Date.parse(`2024-03-${d}T00:00:00Z`);
  // "web sessions on 03-01 or 03-02" = rows 0 (s1 web 03-01) and 2 (s3 web 03-02); row 1 is app.
  const webEarly = allOf([isIn('dimension', ['web']), interval('session_start', day('01'), day('03'))]);

  it('inside an AND filter it is the same as listing its parts', () => {
    expect([...sessionMask(shop(), { mode: 'and', predicates: [webEarly] })]).toEqual([1, 0, 1, 0, 0, 0]);
    // ... AND product C: only s3 (row 2) has a C line among rows 0 and 2.
    expect([...sessionMask(shop(), { mode: 'and', predicates: [webEarly, isIn('product', ['C'])] })]).toEqual([0, 0, 1, 0, 0, 0]);
  });

  it('inside an OR filter it stays one unit', () => {
    // (web AND before 03-03) OR gender m: rows 0, 2 from the compound; c2 (m) is rows 1, 4, 5.
    const filter: Filter = { mode: 'or', predicates: [webEarly, isIn('customers.gender', ['m'])] };
    expect([...sessionMask(shop(), filter)]).toEqual([1, 1, 1, 0, 1, 1]);
    // On lines: lines of s1 (0, 1) and s3 (3) from the compound; lines of c2's orders s2 (2) and s6 (5, 6).
    expect([...lineMask(shop(), filter)]).toEqual([1, 1, 1, 1, 0, 1, 1]);
  });

  it('rejects an empty compound with a clear error', () => {
    expect(() => sessionMask(shop(), { mode: 'and', predicates: [allOf([])] })).toThrow(/non-empty array/);
  });
});

describe('present predicates (a value or none)', () => {
  it('splits organic from promoted orders on a string column', () => {
    // promotion_id: rows 2 and 5 have P1; the others have none.
    expect([...sessionMask(shop(), { mode: 'and', predicates: [present('promotion_id', false)] })]).toEqual([1, 1, 0, 1, 1, 0]);
    expect([...sessionMask(shop(), { mode: 'and', predicates: [present('promotion_id')] })]).toEqual([0, 0, 1, 0, 0, 1]);
  });

  it('works through the customer reference, and for lines through their order', () => {
    // Every session has a customer row (rows 0..2), so "customer present" keeps all sessions.
    expect([...sessionMask(shop(), { mode: 'and', predicates: [present('customer')] })]).toEqual([1, 1, 1, 1, 1, 1]);
    // Lines of promoted orders s3 (row 3) and s6 (rows 5, 6).
    expect([...lineMask(shop(), { mode: 'and', predicates: [present('promotion_id')] })]).toEqual([0, 0, 0, 1, 0, 1, 1]);
  });

  it('rejects a malformed present flag', () => {
    expect(() => sessionMask(shop(), { mode: 'and', predicates: [{ type: 'present', field: 'promotion_id', present: 'yes' } as never] })).toThrow(/true or false/);
  });
});

describe('flags stored as text', () => {
  it('isIn(field, [true]) on a string column matches every spelling of true', () => {
    // dimension holds 'web' / 'app'; a text flag column with several spellings:
    const data = shop();
    const optIn = { type: 'string' as const, codes: Int32Array.from([0, 1, 2, 3, 4, -1]), dictionary: ['true', 'Yes', '0', 'no', 'T'] };
    const flagged = { ...data, sessions: { ...data.sessions, columns: { ...data.sessions.columns, opt_in: optIn } } };
    expect([...sessionMask(flagged, { mode: 'and', predicates: [isIn('opt_in', [true])] })]).toEqual([1, 1, 0, 0, 1, 0]);
    expect([...sessionMask(flagged, { mode: 'and', predicates: [isIn('opt_in', [false])] })]).toEqual([0, 0, 1, 1, 0, 0]);
    // Exact strings still match exactly.
    expect([...sessionMask(flagged, { mode: 'and', predicates: [isIn('opt_in', ['Yes'])] })]).toEqual([0, 1, 0, 0, 0, 0]);
  });
});

describe('orders-in: the customer has (or has no) order in a range', () => {
  const t = (iso: string) => Date.parse(`2024-${iso}:00Z`);
  // Orders: c1 on 03-01 and 03-02, c3 on 03-03, c2 on 03-04 (c2's 03-01 and 03-03 sessions bought nothing).
  it('on sessions: every session of a customer with an order in [lo, hi), whatever the session itself is', () => {
    // [03-02, 03-04): c1 (03-02) and c3 (03-03); c2's only order is on 03-04, outside.
    expect(rows(sessionMask(shop(), and(ordersIn(t('03-02T00:00'), t('03-04T00:00')))))).toEqual([0, 2, 3]);
    expect(rows(sessionMask(shop(), and(ordersIn(t('03-02T00:00'), t('03-04T00:00'), false))))).toEqual([1, 4, 5]);
  });

  it('counts orders only: a non-purchase session in the range does not make a customer active', () => {
    // [03-03 12:00, 03-04): only c2's session s5 (no purchase) falls inside.
    expect(rows(sessionMask(shop(), and(ordersIn(t('03-03T12:00'), t('03-04T00:00')))))).toEqual([]);
  });

  it('is a status at a date: ordered in one window and not in the next', () => {
    // "bought in [03-01, 03-03) and nothing in [03-03, 03-05)": c1 only.
    const churned = allOf([ordersIn(t('03-01T00:00'), t('03-03T00:00')), ordersIn(t('03-03T00:00'), t('03-05T00:00'), false)]);
    expect(rows(sessionMask(shop(), and(churned)))).toEqual([0, 2]);
    // under an or with a line predicate it stays one unit
    expect(rows(sessionMask(shop(), or(churned, isIn('product', ['B']))))).toEqual([0, 2, 3]);
  });

  it('on customers.client: joined by id, so a customers table in another order and customers without sessions work', () => {
    const data = shop();
    const reordered: Dataset = {
      ...data,
      customers: { name: 'customers', length: 4, columns: { client: strings(['c4', 'c3', 'c2', 'c1']), gender: strings(['m', 'f', 'm', 'f']) } },
      sessions: { ...data.sessions, columns: { ...data.sessions.columns, customer: { type: 'ref', table: 'customers', rows: Int32Array.from([3, 2, 3, 1, 2, 2]) } } },
    };
    // customers with an order on or after 03-03: c3 (row 1) and c2 (row 2); c4 never ordered
    expect(rows(evaluatePredicate(reordered, ordersIn(t('03-03T00:00'), t('03-05T00:00'), true, 'customers.client')).mask)).toEqual([1, 2]);
    expect(rows(evaluatePredicate(reordered, ordersIn(t('03-03T00:00'), t('03-05T00:00'), false, 'customers.client')).mask)).toEqual([0, 3]);
    // carried to sessions through sessions.customer: c2's and c3's sessions
    expect(rows(sessionMask(reordered, and(ordersIn(t('03-03T00:00'), t('03-05T00:00'), true, 'customers.client'))))).toEqual([1, 3, 4, 5]);
  });

  it('rejects a malformed range or flag, and a column that is not a client id', () => {
    expect(() => sessionMask(shop(), and({ type: 'orders-in', field: 'client', range: [0, Number.NaN], present: true }))).toThrow(/range must be \[lo, hi\]/);
    expect(() => sessionMask(shop(), and({ type: 'orders-in', field: 'client', range: [0, 1], present: 'yes' } as unknown as Predicate))).toThrow(/present must be true or false/);
    expect(() => sessionMask(shop(), and(ordersIn(0, 1, true, 'payment_amount')))).toThrow(/needs the client id column/);
  });
});
