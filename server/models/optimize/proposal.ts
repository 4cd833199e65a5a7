import type { Impact } from '@/lib/protocol/actuation';
import type { Text } from '@/lib/protocol/texts';
import { HttpError } from '../http';

/** 409: the situation needs no action (e.g. the feeder is not forecast to overload); the message says why. */
export const nothingToDo = (why: string) => new HttpError(409, 'nothing-to-do', `nothing to do: ${why}`);

/**
 * The optimiser's own assumptions first, then the field's (the schema keeps at most 20 English
 * lines and 40 coded ones). A field that sends no codes (another version) leaves the coded list
 * without its part: then the English list is the one shown, whole.
 */
export function withAssumptions(impact: Impact, ours: string[], oursText: Text[]): Impact {
  return {
    ...impact,
    assumptions: [...ours, ...impact.assumptions].map((a) => a.slice(0, 500)).slice(0, 20),
    assumptionTexts: impact.assumptionTexts ? [...oursText, ...impact.assumptionTexts].slice(0, 40) : undefined,
  };
}
