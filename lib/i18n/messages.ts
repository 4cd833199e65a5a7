// One JSON file per namespace and language, so each feature owns its strings; keep this list in
// step with the files in messages/ (messages.test.ts fails when a file is not listed).
import en_common from './messages/en/common.json';
import en_header from './messages/en/header.json';
import en_map from './messages/en/map.json';
import en_layers from './messages/en/layers.json';
import en_timeline from './messages/en/timeline.json';
import en_search from './messages/en/search.json';
import en_alerts from './messages/en/alerts.json';
import en_details from './messages/en/details.json';
import en_forecast from './messages/en/forecast.json';
import en_actions from './messages/en/actions.json';
import en_audit from './messages/en/audit.json';
import en_admin from './messages/en/admin.json';
import en_models from './messages/en/models.json';
import en_login from './messages/en/login.json';
import en_transit from './messages/en/transit.json';
import en_kpi from './messages/en/kpi.json';
import en_a11y from './messages/en/a11y.json';
import en_texts from './messages/en/texts.json';
import zhCN_common from './messages/zh-CN/common.json';
import zhCN_header from './messages/zh-CN/header.json';
import zhCN_map from './messages/zh-CN/map.json';
import zhCN_layers from './messages/zh-CN/layers.json';
import zhCN_timeline from './messages/zh-CN/timeline.json';
import zhCN_search from './messages/zh-CN/search.json';
import zhCN_alerts from './messages/zh-CN/alerts.json';
import zhCN_details from './messages/zh-CN/details.json';
import zhCN_forecast from './messages/zh-CN/forecast.json';
import zhCN_actions from './messages/zh-CN/actions.json';
import zhCN_audit from './messages/zh-CN/audit.json';
import zhCN_admin from './messages/zh-CN/admin.json';
import zhCN_models from './messages/zh-CN/models.json';
import zhCN_login from './messages/zh-CN/login.json';
import zhCN_transit from './messages/zh-CN/transit.json';
import zhCN_kpi from './messages/zh-CN/kpi.json';
import zhCN_a11y from './messages/zh-CN/a11y.json';
import zhCN_texts from './messages/zh-CN/texts.json';
import type { Locale } from './locales';

export const NAMESPACES = ['common', 'header', 'map', 'layers', 'timeline', 'search', 'alerts', 'details', 'forecast', 'actions', 'audit', 'admin', 'models', 'login', 'transit', 'kpi', 'a11y', 'texts'] as const;
export type Namespace = (typeof NAMESPACES)[number];

const en = {
  common: en_common,
  header: en_header,
  map: en_map,
  layers: en_layers,
  timeline: en_timeline,
  search: en_search,
  alerts: en_alerts,
  details: en_details,
  forecast: en_forecast,
  actions: en_actions,
  audit: en_audit,
  admin: en_admin,
  models: en_models,
  login: en_login,
  transit: en_transit,
  kpi: en_kpi,
  a11y: en_a11y,
  /** Texts the server sends as codes (lib/protocol/texts.ts): alerts, incidents, action proposals. */
  texts: en_texts,
};
/** The shape every language must have: English is the reference. */
export type Messages = typeof en;

const zhCN: Messages = {
  common: zhCN_common,
  header: zhCN_header,
  map: zhCN_map,
  layers: zhCN_layers,
  timeline: zhCN_timeline,
  search: zhCN_search,
  alerts: zhCN_alerts,
  details: zhCN_details,
  forecast: zhCN_forecast,
  actions: zhCN_actions,
  audit: zhCN_audit,
  admin: zhCN_admin,
  models: zhCN_models,
  login: zhCN_login,
  transit: zhCN_transit,
  kpi: zhCN_kpi,
  a11y: zhCN_a11y,
  texts: zhCN_texts,
};

export const MESSAGES: Record<Locale, Messages> = { en, 'zh-CN': zhCN };

/** Only the namespaces a page needs, so a small page (the public transit view) ships only its own strings. */
export function pickMessages(locale: Locale, namespaces: readonly Namespace[]): Partial<Messages> {
  const all = MESSAGES[locale];
  return Object.fromEntries(namespaces.map((ns) => [ns, all[ns]])) as Partial<Messages>;
}
