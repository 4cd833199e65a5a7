import type { LocaleFormat, Translator } from '../control-room/locale-format';
import type { StaleWhy } from './staleness';

/** Why the data is stale, in the page's language, with times in its format. */
export function staleText(t: Translator<'map'>, fmt: Pick<LocaleFormat, 'clock'>, why: StaleWhy): string {
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
