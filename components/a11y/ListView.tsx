import { IntlScope } from '../i18n/IntlScope';
import { WorstList } from './WorstList';

/** The list view with its own strings, so the control room page mounts it with one line. */
export function ListView() {
  return (
    <IntlScope namespaces={['a11y']}>
      <WorstList />
    </IntlScope>
  );
}
