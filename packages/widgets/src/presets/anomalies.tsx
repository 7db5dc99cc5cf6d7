import { useContext, useEffect, useMemo } from 'preact/hooks';
import { DashboardContext } from '../ui/context.js';
import { AnomalySeries } from '../widgets/AnomalySeries.js';
import { AnomalyTable } from '../widgets/AnomalyTable.js';
import { FilterChips } from '../widgets/FilterChips.js';
import { Funnel } from '../widgets/Funnel.js';
import { KpiCards } from '../widgets/KpiCards.js';
import { ScopedSelection } from '../widgets/search/scoped-selection.js';

/** The selection sources of the anomaly widgets of `AnomaliesLayout`. */
export const ANOMALY_SOURCES = {
  orders: 'anomalies-orders',
  funnel: 'anomalies-funnel',
  cohort: 'anomalies-cohort',
  clv: 'anomalies-clvrfm',
} as const;

/**
 * Seed 003's anomaly pages: daily orders against the same weekday of the previous 4 weeks,
 * the daily funnel, the download -> first order cohorts and predicted vs current RFM per
 * customer, each checked by its autoencoder (progress shown while it trains). A flagged day,
 * cohort or customer filters the key figures and the session funnel below, so the day of a
 * broken checkout can be read step by step. The detectors do not filter each other: they see
 * the dashboard's other filters (a date range, a region) through a scope that hides the
 * anomaly widgets' own clauses, so a picked day does not retrain the others on that one day.
 */
export function AnomaliesLayout() {
  const { selection } = useContext(DashboardContext);
  const scope = useMemo(() => (selection ? new ScopedSelection(selection, { hidden: Object.values(ANOMALY_SOURCES) }) : undefined), [selection]);
  useEffect(() => () => scope?.dispose(), [scope]);
  return (
    <>
      <FilterChips className="clv-wide" />
      <AnomalySeries className="clv-wide" selection={scope} source={ANOMALY_SOURCES.orders} report="dorders_anomaly" heading="Daily orders against the same weekday of the previous 4 weeks" />
      <KpiCards className="clv-wide" heading="Key figures of the selection" metrics={['orders', 'revenue', 'sessions', 'conversion']} />
      <AnomalySeries className="clv-wide" selection={scope} source={ANOMALY_SOURCES.funnel} report="dfunnel_anomaly" heading="Daily funnel: purchase conversion" valueLabel="Conversion" />
      <Funnel className="clv-wide" heading="Session funnel of the selection" />
      <AnomalyTable className="clv-wide" selection={scope} source={ANOMALY_SOURCES.cohort} report="dcohort_anomaly" heading="Download to first order: anomalous cohorts" />
      <AnomalyTable className="clv-wide" selection={scope} source={ANOMALY_SOURCES.clv} report="clvrfm_anomaly" heading="Predicted vs current RFM: anomalous customers" />
    </>
  );
}
