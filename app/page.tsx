import { connection } from 'next/server';
import { ControlRoom } from '@/components/control-room/ControlRoom';
import { LiveConnection } from '@/components/live/LiveConnection';
import { Legend } from '@/components/map/Legend';
import { StaleBanner } from '@/components/map/StaleBanner';
import { StatusLine } from '@/components/status/StatusLine';
import { loadConfig } from '@/lib/config';
import { layerNames } from '@/lib/protocol/layers';
import styles from './page.module.css';

const LIVE_LAYERS = layerNames;

/** The control room: the city's live traffic map, its status, legend and segment details. */
export default async function ControlRoomPage() {
  // Read the environment per request, not once at build time: MAP_STYLE_URL is a runtime setting.
  await connection();
  const { MAP_STYLE_URL } = loadConfig();
  return (
    <main className={styles.room}>
      <LiveConnection layers={LIVE_LAYERS} />
      <ControlRoom styleUrl={MAP_STYLE_URL ?? null} />
      <header className={styles.header}>
        <h1 className={styles.brand}>Polis</h1>
        <StatusLine />
      </header>
      <StaleBanner />
      <Legend />
    </main>
  );
}
