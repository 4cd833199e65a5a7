import type { LocaleFormat } from '../control-room/locale-format';
import type { StaleWhy } from './staleness';

type WhyKey = 'disconnected' | 'noHeartbeat' | 'modelServicesUnreachable' | 'noNewDataSince' | 'noNewData' | 'noDataYet' | 'gateway';

/**
 * A translator of a namespace with the `why.*` messages: the control room's map namespace, or the
 * public transit view's transit.live (which ships only its own strings).
 */
export type WhyTranslator = (key: `why.${WhyKey}`, values?: { time: string }) => string;

/** Why the data is stale, in the page's language, with times in its format. */
export function staleText(t: WhyTranslator, fmt: Pick<LocaleFormat, 'clock'>, why: StaleWhy): string {
  switch (why.kind) {
    case 'disconnected':
      return t('why.disconnected');
    case 'noHeartbeat':
      return t('why.noHeartbeat', { time: fmt.clock(why.since) });
    case 'modelServicesUnreachable':
      return t('why.modelServicesUnreachable');
    case 'noNewData':
      return why.since ? t('why.noNewDataSince', { time: fmt.clock(why.since) }) : t('why.noNewData');
    case 'noDataYet':
      return t('why.noDataYet');
    case 'gateway':
      return t('why.gateway');
  }
}
