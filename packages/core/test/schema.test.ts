import { describe, expect, it } from 'vitest';
import { ClvDataError } from '../src/errors.js';
import { importDataset } from '../src/import.js';
import { CUSTOMER_FIELDS, LINE_FIELDS, MESSAGE_FIELDS, resolveMapping, SCHEMA, SESSION_FIELDS } from '../src/schema.js';

/** Runs `fn` and returns the ClvDataError it throws (fails the test when it throws anything else). */
async function dataError(fn: () => unknown): Promise<ClvDataError> {
  try {
    await fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ClvDataError);
    return error as ClvDataError;
  }
  throw new Error('expected a ClvDataError');
}

describe('canonical schema', () => {
  it('lists the SPEC fields with types and required flags', () => {
    const summary = (fields: typeof SESSION_FIELDS) => fields.map((f) => `${f.name}:${f.type}${f.required ? '!' : ''}`);
    expect(summary(SESSION_FIELDS)).toEqual([
      'order_id:string!', 'client:string!', 'session_start:time!', 'session_end:time', 'has_purchased:boolean',
      'payment_amount:number!', 'discount_amount:number', 'promotion_id:promotion', 'dimension:string',
    ]);
    expect(summary(CUSTOMER_FIELDS)).toEqual(['client:string!', 'download_date:time!', 'signup_date:time']);
    expect(summary(LINE_FIELDS)).toEqual(['order_id:string!', 'product:string!', 'category:string', 'description:string', 'price:number!', 'quantity:number']);
    expect(summary(MESSAGE_FIELDS)).toEqual([
      'message_id:string!', 'client:string!', 'channel:string!', 'campaign:string!', 'sent_at:time!',
      'delivered_at:time', 'opened_at:time', 'clicked_at:time', 'unsubscribed_at:time',
    ]);
    expect(LINE_FIELDS.find((f) => f.name === 'quantity')?.defaultValue).toBe(1);
    expect(SESSION_FIELDS.find((f) => f.name === 'discount_amount')?.defaultValue).toBe(0);
    expect(Object.keys(SCHEMA).sort()).toEqual(['customers', 'line-items', 'lines', 'messages', 'sessions']);
  });
});

describe('resolveMapping', () => {
  const columns = ['Id', 'Customer', 'Start', 'Amount', 'Bought', 'Promo', 'basket', 'checkout'];

  it('binds mapped fields to host columns and drops absent optional fields', () => {
    const resolved = resolveMapping('sessions', { order_id: 'Id', client: 'Customer', session_start: 'Start', payment_amount: 'Amount', has_purchased: 'Bought', promotion_id: 'Promo', actions: ['basket', 'checkout'] }, columns);
    expect(resolved.fields.map((f) => `${f.spec.name}<-${f.column}`)).toEqual(['order_id<-Id', 'client<-Customer', 'session_start<-Start', 'has_purchased<-Bought', 'payment_amount<-Amount', 'promotion_id<-Promo']);
    expect(resolved.actions).toEqual(['basket', 'checkout']);
  });

  it('uses canonical names for fields the mapping leaves out (and without any mapping)', () => {
    const resolved = resolveMapping('sessions', { client: 'Customer' }, ['order_id', 'Customer', 'session_start', 'payment_amount', 'dimension']);
    expect(resolved.fields.map((f) => `${f.spec.name}<-${f.column}`)).toEqual(['order_id<-order_id', 'client<-Customer', 'session_start<-session_start', 'payment_amount<-payment_amount', 'dimension<-dimension']);
    expect(resolveMapping('lines', undefined, ['order_id', 'product', 'price']).fields.map((f) => f.column)).toEqual(['order_id', 'product', 'price']);
  });

  it('throws missing-column naming table, field, column and the available columns for a mapped column', () => {
    const error = (() => {
      try {
        resolveMapping('sessions', { order_id: 'Id', client: 'Customer', session_start: 'Start', payment_amount: 'Total' }, columns);
      } catch (e) {
        return e as ClvDataError;
      }
      throw new Error('no error');
    })();
    expect(error).toBeInstanceOf(ClvDataError);
    expect(error.rule).toBe('missing-column');
    expect(error.location).toEqual({ table: 'sessions', field: 'payment_amount', column: 'Total' });
    expect(error.message).toContain('"Total"');
    expect(error.message).toContain('"Amount"');
    expect(error.message).toContain('"checkout"');
  });

  it('throws missing-column for a required field under its canonical name', () => {
    expect(() => resolveMapping('sessions', undefined, ['order_id', 'client', 'session_start'])).toThrow(
      expect.objectContaining({ rule: 'missing-column', location: { table: 'sessions', field: 'payment_amount', column: 'payment_amount' } }),
    );
  });

  it('throws missing-column for a mapped optional field and for an action or attribute column', () => {
    const base = { order_id: 'Id', client: 'Customer', session_start: 'Start', payment_amount: 'Amount' };
    expect(() => resolveMapping('sessions', { ...base, dimension: 'Region' }, columns)).toThrow(expect.objectContaining({ rule: 'missing-column', location: { table: 'sessions', field: 'dimension', column: 'Region' } }));
    expect(() => resolveMapping('sessions', { ...base, actions: ['basket', 'paid'] }, columns)).toThrow(expect.objectContaining({ rule: 'missing-column', location: { table: 'sessions', field: 'actions', column: 'paid' } }));
    expect(() => resolveMapping('customers', { attributes: ['gender'] }, ['client', 'download_date'])).toThrow(expect.objectContaining({ rule: 'missing-column', location: { table: 'customers', field: 'attributes', column: 'gender' } }));
  });

  it('suggests a column that differs only in case', () => {
    try {
      resolveMapping('lines', { price: 'price' }, ['order_id', 'product', 'Price']);
      throw new Error('no error');
    } catch (error) {
      expect((error as ClvDataError).hint).toBe('did you mean "Price"?');
    }
  });

  it('rejects unknown fields and malformed mappings with rule "mapping"', () => {
    expect(() => resolveMapping('sessions', { paymentAmount: 'Amount' }, columns)).toThrow(expect.objectContaining({ rule: 'mapping', location: { table: 'sessions', field: 'paymentAmount' } }));
    expect(() => resolveMapping('lines', { price: '' }, ['price'])).toThrow(expect.objectContaining({ rule: 'mapping' }));
    expect(() => resolveMapping('lines', { price: 3 } as object, ['price'])).toThrow(expect.objectContaining({ rule: 'mapping' }));
    expect(() => resolveMapping('sessions', { actions: 'basket' } as object, columns)).toThrow(expect.objectContaining({ rule: 'mapping', location: { table: 'sessions', field: 'actions' } }));
    expect(() => resolveMapping('sessions', { actions: ['basket', 'basket'] }, columns)).toThrow(expect.objectContaining({ rule: 'mapping' }));
    // attributes belong to customers only
    expect(() => resolveMapping('sessions', { attributes: ['x'] } as object, columns)).toThrow(expect.objectContaining({ rule: 'mapping' }));
  });
});

describe('mapping through importDataset', () => {
  it('imports host column names through a mapping, and actions / attributes under their own names', async () => {
    const { dataset } = await importDataset({
      sessions: {
        data: [{ Id: 'A', Who: 'u1', When: '2024-01-01T10:00:00Z', Paid: '12.5', Bought: 'yes', basket: 'y', checkout: 'n' }],
        mapping: { order_id: 'Id', client: 'Who', session_start: 'When', payment_amount: 'Paid', has_purchased: 'Bought', actions: ['basket', 'checkout'] },
      },
      customers: {
        data: [{ Who: 'u1', First: '2023-12-24', gender: 'f', age: 31, opened_app: '2023-12-25' }],
        mapping: { client: 'Who', download_date: 'First', attributes: ['gender', 'age'], actions: ['opened_app'] },
      },
    });
    const s = dataset.sessions.columns;
    expect(Object.keys(s)).toEqual(['order_id', 'client', 'session_start', 'has_purchased', 'payment_amount', 'basket', 'checkout', 'discount_amount', 'customer']);
    expect(s.payment_amount).toEqual({ type: 'number', values: Float64Array.of(12.5) });
    expect(s.basket).toEqual({ type: 'boolean', values: Uint8Array.of(1) });
    expect(s.checkout).toEqual({ type: 'boolean', values: Uint8Array.of(0) });
    expect(dataset.sessionActions).toEqual(['basket', 'checkout']);
    const c = dataset.customers!.columns;
    expect(c.gender).toEqual({ type: 'string', codes: Int32Array.of(0), dictionary: ['f'] });
    expect(c.age).toEqual({ type: 'string', codes: Int32Array.of(0), dictionary: ['31'] });
    expect(c.opened_app).toEqual({ type: 'time', values: Float64Array.of(Date.UTC(2023, 11, 25)) });
    expect(dataset.customerActions).toEqual(['opened_app']);
  });

  it('never silently ignores a mapped column that is missing from a CSV header', async () => {
    const error = await dataError(() =>
      importDataset({ sessions: { data: 'Id,Who,When,Paid\n1,u,2024-01-01,3\n', mapping: { order_id: 'Id', client: 'Who', session_start: 'When', payment_amount: 'Paid', promotion_id: 'Coupon' } } }),
    );
    expect(error.rule).toBe('missing-column');
    expect(error.location).toEqual({ table: 'sessions', field: 'promotion_id', column: 'Coupon' });
    expect(error.message).toMatch(/available columns: "Id", "Who", "When", "Paid"/);
  });

  it('checks mappings of every table before importing any row', async () => {
    const error = await dataError(() =>
      importDataset({
        sessions: { data: [{ order_id: '1', client: 'u', session_start: '2024-01-01', payment_amount: 1 }] },
        lines: { data: [{ order_id: '1', sku: 'p', price: 1 }], mapping: { product: 'SKU' } },
      }),
    );
    expect(error.rule).toBe('missing-column');
    expect(error.location).toEqual({ table: 'lines', field: 'product', column: 'SKU' });
    expect(error.hint).toBe('did you mean "sku"?');
  });

  it('learns the columns of sparse object rows from the first rows, not only the first one', async () => {
    const { dataset } = await importDataset({
      sessions: {
        data: [
          { order_id: '1', client: 'u', session_start: '2024-01-01', payment_amount: 1 },
          { order_id: '2', client: 'u', session_start: '2024-01-02', payment_amount: 2, promotion_id: 'P' },
        ],
        mapping: { promotion_id: 'promotion_id' },
      },
    });
    expect(dataset.sessions.columns.promotion_id).toEqual({ type: 'string', codes: Int32Array.of(-1, 0), dictionary: ['P'] });
  });

  it('refuses an action column that would clash with a canonical column name', async () => {
    const error = await dataError(() =>
      importDataset({
        sessions: { data: [{ order_id: '1', client: 'u', session_start: '2024-01-01', payment_amount: 1, customer: 'x' }], mapping: { actions: ['customer'] } },
        customers: { data: [{ client: 'u', download_date: '2024-01-01' }] },
      }),
    );
    expect(error.rule).toBe('mapping');
  });
});
