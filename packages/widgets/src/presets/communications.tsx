import { DataTable } from '../widgets/DataTable.js';
import { FilterChips } from '../widgets/FilterChips.js';
import { KpiCards } from '../widgets/KpiCards.js';
import { campaignFilter } from './mark-filters.js';
import { ContactableTable } from './customer-base.js';

/**
 * Seed 004's communications: per campaign and channel (email, SMS, push) the messages sent,
 * delivered, opened and clicked, their rates and the recipients' conversion to orders (a row
 * filters the sessions of the campaign's recipients); the contactable customers per channel.
 */
export function CommunicationsLayout() {
  return (
    <>
      <FilterChips className="clv-wide" />
      <KpiCards className="clv-wide" metrics={['orders', 'revenue', 'buyers', 'conversion']} />
      <DataTable
        className="clv-wide"
        heading="Communications per campaign and channel"
        report="communications"
        serverSide={false}
        rowKey={(row) => `${String(row.campaign)} · ${String(row.channel)}`}
        rowFilter={campaignFilter}
        rowLabel="Campaign"
        campaign={false}
        noun="campaigns"
        pageSize={15}
        columns={[
          { key: 'campaign', label: 'Campaign', kind: 'text' },
          { key: 'channel', label: 'Channel', kind: 'text' },
          { key: 'firstSent', label: 'First sent', kind: 'date' },
          { key: 'sent', label: 'Sent', kind: 'count' },
          { key: 'delivered', label: 'Delivered', kind: 'count' },
          { key: 'opened', label: 'Opened', kind: 'count' },
          { key: 'clicked', label: 'Clicked', kind: 'count' },
          { key: 'openRate', label: 'Open rate', kind: 'percent' },
          { key: 'clickRate', label: 'Click rate', kind: 'percent' },
          { key: 'conversion', label: 'Conversion', kind: 'percent' },
          { key: 'conversionBefore', label: 'Conversion before', kind: 'percent' },
        ]}
      />
      <ContactableTable className="clv-wide" />
    </>
  );
}
