import { connection } from 'next/server';
import { ActionsProvider } from '@/components/actions/actions-context';
import { ActionsPanel } from '@/components/actions/ActionsPanel';
import { SideTabs } from '@/components/actions/SideTabs';
import { AlertsPanel } from '@/components/alerts/AlertsPanel';
import { ListView } from '@/components/a11y/ListView';
import { ControlRoom } from '@/components/control-room/ControlRoom';
import { HeadlineFigures } from '@/components/header/HeadlineFigures';
import { PagesMenu } from '@/components/header/PagesMenu';
import { LiveConnection } from '@/components/live/LiveConnection';
import { LegendGroups } from '@/components/layers/LegendGroups';
import { Legend } from '@/components/map/Legend';
import { StaleBanner } from '@/components/map/StaleBanner';
import { FocusProvider } from '@/components/search/focus-context';
import { SearchBox } from '@/components/search/SearchBox';
import { StatusLine } from '@/components/status/StatusLine';
import { IntlScope } from '@/components/i18n/IntlScope';
import { LocaleSwitch } from '@/components/i18n/LocaleSwitch';
import { loadConfig } from '@/lib/config';
import { airLegend, gridLegend, incidentLegend, transitLegend } from '@/lib/map/legends';
import { getTranslator } from '@/lib/i18n/request';
import type { Namespace } from '@/lib/i18n/messages';
import { layerNames } from '@/lib/protocol/layers';
import styles from './page.module.css';

const LIVE_LAYERS = layerNames;

/** The strings the control room's client components use (the actions panel's too). */
const NAMESPACES: readonly Namespace[] = ['header', 'map', 'layers', 'timeline', 'search', 'alerts', 'details', 'forecast', 'actions', 'a11y', 'texts'];

/** Legends are static: rendered here, on the server, in the request's language, and handed to the layer panel as slots. */
async function legendsFor() {
  const t = await getTranslator('layers');
  return {
    traffic: <Legend />,
    grid: <LegendGroups groups={gridLegend(t)} id="legend-grid" testId="legend-grid" />,
    transit: <LegendGroups groups={transitLegend(t)} id="legend-transit" testId="legend-transit" />,
    incidents: <LegendGroups groups={incidentLegend(t)} id="legend-incidents" testId="legend-incidents" />,
    air: {
      'us-epa': <LegendGroups groups={airLegend(t, 'us-epa')} id="legend-air" testId="legend-air" />,
      'cn-hj633': <LegendGroups groups={airLegend(t, 'cn-hj633')} id="legend-air" testId="legend-air" />,
    },
  };
}

/**
 * The control room: the live city map fills the window; over it, a frame of panels: the header
 * (search, the city's headline figures, data status), alerts and actions on the right, the
 * timeline along the bottom (grid area `timeline`), the layer panel bottom left and details of
 * what is selected.
 * The frame lets pointer events through to the map except on its panels.
 */
export default async function ControlRoomPage() {
  // Read the environment per request, not once at build time: MAP_STYLE_URL is a runtime setting.
  await connection();
  const { MAP_STYLE_URL } = loadConfig();
  const [t, legends] = await Promise.all([getTranslator('header'), legendsFor()]);
  return (
    <IntlScope namespaces={NAMESPACES}>
      <main className={styles.room}>
        <LiveConnection layers={LIVE_LAYERS} />
        <FocusProvider>
          <ActionsProvider>
            <div className={styles.frame}>
              <header className={styles.header} data-testid="room-header">
                <h1 className={styles.brand}>{t('brand')}</h1>
                <PagesMenu />
                <ListView />
                <SearchBox />
                <HeadlineFigures />
                <LocaleSwitch />
                <StatusLine />
              </header>
              <aside className={styles.side} aria-label={t('sideLabel')}>
                <SideTabs alerts={<AlertsPanel />} actions={<ActionsPanel />} />
              </aside>
            </div>
            {/* The map after the header and side panels in the DOM, so the keyboard reaches those first; their z-index keeps them on top. */}
            <ControlRoom styleUrl={MAP_STYLE_URL ?? null} legends={legends} />
          </ActionsProvider>
        </FocusProvider>
        <StaleBanner />
      </main>
    </IntlScope>
  );
}
