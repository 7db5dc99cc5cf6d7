import type { SummaryColumns } from './summary.js';

/** A customer as the BG/NBD model sees them: x repeat transactions, the last at t_x, observed for T. */
export interface RfmCustomer {
  readonly x: number;
  readonly t_x: number;
  readonly T: number;
}

/** A customer as the Gamma-Gamma model sees them: x repeat transactions of mean value `monetary`. */
export interface SpendCustomer {
  readonly x: number;
  readonly monetary: number;
}

/** Rows to fit: row objects (e.g. `customerSummary`'s) or the columnar summaries. */
export type FitRows<R> = readonly R[] | SummaryColumns;

/** Copies of the columns a fitter reads, from either input form. */
export interface FitColumns {
  readonly length: number;
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly monetary: Float64Array;
}

/** Reads rows (objects or columns) into columns; missing fields read as NaN. */
export function fitColumns(rows: FitRows<Partial<RfmCustomer & SpendCustomer>>): FitColumns {
  if (!Array.isArray(rows)) {
    const c = rows as SummaryColumns;
    return { length: c.length, x: c.x, tx: c.tx, T: c.T, monetary: c.monetary };
  }
  const list = rows as readonly Partial<RfmCustomer & SpendCustomer>[];
  const n = list.length;
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  const monetary = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = list[i];
    x[i] = r.x ?? Number.NaN;
    tx[i] = r.t_x ?? Number.NaN;
    T[i] = r.T ?? Number.NaN;
    monetary[i] = r.monetary ?? Number.NaN;
  }
  return { length: n, x, tx, T, monetary };
}

/** Progress of a fit, passed to `onIteration` after every optimiser iteration. */
export interface FitProgress {
  readonly model: 'bg-nbd' | 'gamma-gamma';
  /** Which start point is being optimised (0-based) and how many there are at most. */
  readonly start: number;
  readonly starts: number;
  /** Iterations so far in this start (over its restarts). */
  readonly iteration: number;
  /** Likelihood evaluations so far over all starts. */
  readonly evaluations: number;
  /** The best log-likelihood of this start so far. */
  readonly logLikelihood: number;
  /** The parameters at that point. */
  readonly params: Readonly<Record<string, number>>;
}

/** Options of the fitters. */
export interface FitOptions {
  /** Called after every optimiser iteration (synchronously). */
  readonly onIteration?: (progress: FitProgress) => void;
  /** Iterations per optimiser run (default 200 for 'quasi-newton', 4000 for 'nelder-mead'). */
  readonly maxIterations?: number;
  /**
   * 'quasi-newton': BFGS on the analytic gradient. 'nelder-mead': the previous derivative-free
   * fit, about 5-15 times slower; kept as the reference to compare against. Default: BFGS,
   * falling back to Nelder-Mead when it converges from no start (see `maximiseLikelihood`).
   */
  readonly optimiser?: 'quasi-newton' | 'nelder-mead';
}
