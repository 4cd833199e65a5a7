import { connection } from 'next/server';
import { AlertsPanel } from '@/components/alerts/AlertsPanel';
import { ControlRoom } from '@/components/control-room/ControlRoom';
import { HeadlineFigures } from '@/components/header/HeadlineFigures';
import { LiveConnection } from '@/components/live/LiveConnection';
import { LegendGroups } from '@/components/layers/LegendGroups';
import { Legend } from '@/components/map/Legend';
import { StaleBanner } from '@/components/map/StaleBanner';
import { FocusProvider } from '@/components/search/focus-context';
import { SearchBox } from '@/components/search/SearchBox';
import { StatusLine } from '@/components/status/StatusLine';
import { loadConfig } from '@/lib/config';
import { airLegend, gridLegend, incidentLegend, transitLegend } from '@/lib/map/legends';
import { layerNames } from '@/lib/protocol/layers';
import styles from './page.module.css';

const LIVE_LAYERS = layerNames;

/** Legends are static: rendered here, on the server, and handed to the layer panel as slots. */
const legends = {
  traffic: <Legend />,
  grid: <LegendGroups groups={gridLegend()} id="legend-grid" testId="legend-grid" />,
  transit: <LegendGroups groups={transitLegend()} id="legend-transit" testId="legend-transit" />,
  incidents: <LegendGroups groups={incidentLegend()} id="legend-incidents" testId="legend-incidents" />,
  air: {
    'us-epa': <LegendGroups groups={airLegend('us-epa')} id="legend-air" testId="legend-air" />,
    'cn-hj633': <LegendGroups groups={airLegend('cn-hj633')} id="legend-air" testId="legend-air" />,
  },
};

/**
 * The control room: the live city map fills the window; over it, a frame of panels: the header
 * (search, the city's headline figures, data status), alerts on the right, the timeline along the
 * bottom (grid area `timeline`), the layer panel bottom left and details of what is selected.
 * The frame lets pointer events through to the map except on its panels.
 */
export default async function ControlRoomPage() {
  // Read the environment per request, not once at build time: MAP_STYLE_URL is a runtime setting.
  await connection();
  const { MAP_STYLE_URL } = loadConfig();
  return (
    <main className={styles.room}>
      <LiveConnection layers={LIVE_LAYERS} />
      <FocusProvider>
        <ControlRoom styleUrl={MAP_STYLE_URL ?? null} legends={legends} />
        <div className={styles.frame}>
          <header className={styles.header}>
            <h1 className={styles.brand}>Polis</h1>
            <SearchBox />
            <HeadlineFigures />
            <StatusLine />
          </header>
          <aside className={styles.side} aria-label="Alerts">
            <AlertsPanel />
          </aside>
        </div>
      </FocusProvider>
      <StaleBanner />
    </main>
  );
}
