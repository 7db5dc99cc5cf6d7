/** The seed's funnel reports by bucket: the default query of `Funnel`. */
export const FUNNEL_REPORTS: Readonly<Record<string, string>> = {
  hour: 'hourly_funnel',
  day: 'daily_funnel',
  week: 'weekly_funnel',
  month: 'monthly_funnel',
};
