import { describe, expect, it } from 'vitest';
import { alertInLanguage } from './alert-language';

const alert = {
  header: 'Delays on route 7: crash on Mill Street',
  description: 'Crash on Mill Street: road closed. Buses may run late until about 09:30 UTC.',
  translations: {
    en: { header: 'Delays on route 7: crash on Mill Street', description: 'Crash on Mill Street: road closed. Buses may run late until about 09:30 UTC.' },
    'zh-CN': { header: '7路公交延误：Mill Street发生交通事故', description: 'Mill Street发生交通事故：道路封闭。公交车可能晚点，预计持续到 UTC 09:30 左右。' },
  },
};

describe('a service alert in the reader’s language', () => {
  it('is the feed’s translation for that language', () => {
    expect(alertInLanguage(alert, 'zh-CN').header).toBe('7路公交延误：Mill Street发生交通事故');
  });

  it('is found under another tag of the same language', () => {
    expect(alertInLanguage({ ...alert, translations: { zh: alert.translations['zh-CN'] } }, 'zh-CN').header).toBe('7路公交延误：Mill Street发生交通事故');
  });

  it('is the feed’s default text when the feed does not give that language', () => {
    expect(alertInLanguage({ ...alert, translations: { en: alert.translations.en } }, 'zh-CN')).toEqual({ header: alert.header, description: alert.description });
    expect(alertInLanguage({ header: 'Route 1 diverted', description: '' }, 'zh-CN').header).toBe('Route 1 diverted');
  });
});
