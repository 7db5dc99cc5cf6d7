import type { Meta, StoryObj } from '@storybook/preact-vite';
import { useEffect, useState } from 'preact/hooks';
import { Selection, type QueryResult, type QuerySpec, type Row } from '@clvkit/core';
import { createEngine } from '@clvkit/engine';
import { Dashboard, type EngineLike, type QueryOptions } from '@clvkit/widgets';
import { AnomaliesLayout } from '../packages/widgets/src/presets/anomalies.js';
import { AnomalySeries } from '../packages/widgets/src/widgets/AnomalySeries.js';
import { AnomalyTable } from '../packages/widgets/src/widgets/AnomalyTable.js';
import { cannedResult } from './support/chart-engine.js';
import { cannedRows } from './support/fake-engine.js';
import { WithSelection } from './support/with-selection.js';

/**
 * The anomaly widgets over canned rows in the analyses' contract (BRIEF4 "Anomaly": `{ key,
 * day, value, expected, deviationPercent, score, anomaly, features }`, meta `{ threshold,
 * median, mad, epochs, finalLoss }`), written out by hand: not computed by clvkit. The shop's
 * checkout breaks on Thursday August 7, 2025 and a promotion spikes orders on Saturday August 23.
 */
const DAY = 86_400_000;
const START = Date.UTC(2025, 6, 7); // Monday, July 7, 2025
const DAYS = 56;
const WEEKDAY = [96, 102, 105, 108, 124, 150, 131]; // Monday .. Sunday
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const META = { threshold: 1.42, median: 0.31, mad: 0.12, epochs: 20, finalLoss: 0.0187 };

/** dorders_anomaly: the weekday's usual orders as expected; scores grow with the deviation. */
const ORDERS: QueryResult<Row> = {
  rows: Array.from({ length: DAYS }, (_, i) => {
    const day = START + i * DAY;
    const expected = WEEKDAY[i % 7];
    const value = iso(day) === '2025-08-07' ? 9 : iso(day) === '2025-08-23' ? 262 : expected + ((i * 7) % 11) - 5;
    const deviation = ((value - expected) / expected) * 100;
    const score = Math.round((0.2 + Math.abs(deviation) / 30 + ((i * 3) % 5) / 40) * 1000) / 1000;
    return { key: iso(day), day, value, expected, deviationPercent: Math.round(deviation * 10) / 10, score, anomaly: score > META.threshold };
  }),
  meta: META,
};

/** dfunnel_anomaly: purchase conversion per day; the broken checkout shows as a dip. */
const FUNNEL: QueryResult<Row> = {
  rows: Array.from({ length: DAYS }, (_, i) => {
    const day = START + i * DAY;
    const broken = iso(day) === '2025-08-07';
    const value = broken ? 0.021 : 0.3 + ((i * 5) % 7) / 200;
    const score = broken ? 5.8 : Math.round((0.25 + ((i * 5) % 7) / 20) * 100) / 100;
    return { key: iso(day), day, value, expected: 0.31, deviationPercent: Math.round(((value - 0.31) / 0.31) * 1000) / 10, score, anomaly: score > META.threshold };
  }),
  meta: META,
};

/** dcohort_anomaly: cumulative shares of each download day's customers ordering within k days (k = 0..6). */
const COHORTS: QueryResult<Row> = {
  rows: Array.from({ length: 28 }, (_, i) => {
    const day = START + (i + 14) * DAY;
    const broken = iso(day) === '2025-08-07';
    const shares = broken ? [0.01, 0.02, 0.01, 0.01, 0, 0.01, 0] : [0.31, 0.09, 0.05, 0.04, 0.03, 0.02, 0.02].map((s, k) => s + ((i + k) % 3) / 200);
    const customers = 40 + ((i * 11) % 17);
    const value = shares.reduce((a, b) => a + b, 0);
    const features: Record<string, number> = {};
    let within = 0;
    shares.forEach((s, k) => (features[`within_${k}`] = within += s));
    features.customers = customers;
    const score = broken ? 4.9 : Math.round((0.3 + ((i * 7) % 9) / 12) * 100) / 100;
    return { key: iso(day), day, value, expected: 0.58, deviationPercent: Math.round(((value - 0.58) / 0.58) * 1000) / 10, score, anomaly: score > META.threshold, features } as unknown as Row;
  }),
  meta: META,
};

/** clvrfm_anomaly: predicted minus current recency, frequency and monetary per customer. */
const CLVRFM: QueryResult<Row> = {
  rows: Array.from({ length: 40 }, (_, i) => {
    const odd = i === 3 || i === 17 || i === 29;
    const features = { recency: odd ? 140 - i : ((i * 13) % 21) - 10, frequency: odd ? -3 : (((i * 5) % 7) - 3) / 4, monetary: odd ? -420 + i : ((i * 37) % 90) - 45 };
    const score = odd ? 3.2 + i / 40 : Math.round((0.2 + ((i * 11) % 13) / 14) * 100) / 100;
    return { key: `C-${String(1000 + i * 37)}`, value: score, score, anomaly: score > META.threshold, features } as unknown as Row;
  }),
  meta: META,
};

const CANNED: Readonly<Record<string, QueryResult<Row>>> = { dorders_anomaly: ORDERS, dfunnel_anomaly: FUNNEL, dcohort_anomaly: COHORTS, clvrfm_anomaly: CLVRFM };

type Mode = 'ready' | 'training' | 'loading' | 'empty' | 'error' | 'calm';

/**
 * A fake engine: anomaly reports answer their canned rows (after an autoencoder "training"
 * of 20 epochs reported through `onProgress` in `training` mode), other specs answer the
 * shared story fixtures, so the anomalies dashboard has its key figures and funnel too.
 */
function anomalyEngine(mode: Mode): EngineLike {
  return {
    query<R = Row>(spec: QuerySpec, options: QueryOptions = {}): Promise<QueryResult<R>> {
      if (mode === 'loading') return new Promise<QueryResult<R>>(() => {});
      const anomaly = spec.kind === 'analysis' ? CANNED[spec.name] : undefined;
      return new Promise<QueryResult<R>>((resolve, reject) => {
        let epoch = 0;
        const epochs = mode === 'training' && anomaly ? 20 : 0;
        const step = () => {
          if (epoch < epochs) {
            options.onProgress?.({ done: epoch, total: epochs, message: 'Training autoencoder' });
            epoch++;
            timer = setTimeout(step, 250);
            return;
          }
          if (mode === 'error') reject(new globalThis.Error('Training failed: the worker ran out of memory. Reload the page or load less data.'));
          else if (mode === 'empty') resolve({ rows: [] });
          else if (anomaly) resolve((mode === 'calm' ? { ...anomaly, rows: anomaly.rows.map((r) => ({ ...r, anomaly: false })) } : anomaly) as unknown as QueryResult<R>);
          else if (spec.kind === 'aggregate' || spec.name === 'kpis') resolve({ rows: cannedRows(spec) as R[] });
          else resolve(cannedResult(spec) as unknown as QueryResult<R>);
        };
        let timer = setTimeout(step, 200);
        options.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(Object.assign(new globalThis.Error('aborted'), { name: 'AbortError' }));
        });
      });
    },
  };
}

interface Args {
  readonly mode: Mode;
  readonly widget: 'series' | 'table';
  readonly report: string;
  readonly locale: string;
}

const meta: Meta<Args> = {
  title: 'Widgets/Anomalies',
  args: { mode: 'ready', widget: 'series', report: 'dorders_anomaly', locale: 'en-US' },
  argTypes: {
    mode: { control: 'select', options: ['ready', 'training', 'loading', 'empty', 'error', 'calm'] },
    widget: { control: 'inline-radio', options: ['series', 'table'] },
    report: { control: 'select', options: ['dorders_anomaly', 'dfunnel_anomaly', 'dcohort_anomaly', 'clvrfm_anomaly'] },
  },
  render: ({ mode, widget, report, locale }) => (
    <WithSelection>
      {(selection) =>
        widget === 'series' ? (
          <AnomalySeries engine={anomalyEngine(mode)} selection={selection} report={report} locale={locale} timeZone="UTC" />
        ) : (
          <AnomalyTable engine={anomalyEngine(mode)} selection={selection} report={report} locale={locale} timeZone="UTC" />
        )
      }
    </WithSelection>
  ),
};
export default meta;

type Story = StoryObj<Args>;

/** Daily orders: the broken checkout (Aug 7) and the promotion spike (Aug 23) are flagged; a click filters the day. */
export const Ready: Story = {};
/** The autoencoder trains for 20 epochs (progress bar and text), then the chart appears. */
export const Training: Story = { args: { mode: 'training' } };
export const Loading: Story = { args: { mode: 'loading' } };
export const Empty: Story = { args: { mode: 'empty' } };
export const Error: Story = { args: { mode: 'error' } };
export const Dark: Story = { parameters: { theme: 'dark' } };
/** No day above the threshold: the chart says so and marks nothing. */
export const NothingFlagged: Story = { args: { mode: 'calm' } };
/** The daily funnel's purchase conversion, as percent. */
export const FunnelSeries: Story = { args: { report: 'dfunnel_anomaly' } };
/** The download -> first order cohorts: shares ordering within 0..6 days, sorted by score; a row filters its download day. */
export const CohortTable: Story = { args: { widget: 'table', report: 'dcohort_anomaly' } };
/** Predicted vs current RFM per customer; a row filters the customer. */
export const ClvRfmTable: Story = { args: { widget: 'table', report: 'clvrfm_anomaly' } };
export const CohortTableTraining: Story = { args: { widget: 'table', report: 'dcohort_anomaly', mode: 'training' } };

/** The anomalies dashboard over the canned rows: a flagged day filters the key figures and the funnel. */
export const Dashboard_: Story = {
  name: 'Dashboard',
  render: ({ mode, locale }) => <CannedAnomalies mode={mode} locale={locale} />,
};

function CannedAnomalies({ mode, locale }: { readonly mode: Mode; readonly locale: string }) {
  const [engine] = useState(() => anomalyEngine(mode));
  const [selection] = useState(() => new Selection());
  return (
    <Dashboard engine={engine} selection={selection} locale={locale} currency="USD">
      <AnomaliesLayout />
    </Dashboard>
  );
}

/** The anomalies dashboard on the real engine (synthetic shop with the planted broken checkout of 2025-08-07). */
export const LiveDashboard: Story = {
  render: () => <LiveAnomalies />,
};

function LiveAnomalies() {
  const [engine] = useState(() => createEngine({ source: { kind: 'sample', orders: 20_000, seed: 42 }, worker: 'inline' }));
  useEffect(() => () => engine.destroy(), [engine]);
  return (
    <Dashboard engine={engine} locale="en-US" currency="USD">
      <AnomaliesLayout />
    </Dashboard>
  );
}
