import { redirect } from 'next/navigation';

/** /kpi opens the traffic report. */
export default function KpiIndex() {
  redirect('/kpi/traffic');
}
