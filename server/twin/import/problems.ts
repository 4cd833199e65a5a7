import type { Problem } from '@/lib/protocol/city-import';

/** An input the importer cannot use at all (unreadable, truncated, not the format it claims, no roads). */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

const MAX_EXAMPLES = 5;

/** Counts one kind of problem in the input and keeps the first few examples for the report. */
export class ProblemLog {
  count = 0;
  readonly examples: string[] = [];

  add(example: string, times = 1): void {
    this.count += times;
    if (this.examples.length < MAX_EXAMPLES) this.examples.push(example.slice(0, 300));
  }

  toJSON(): Problem {
    return { count: this.count, examples: [...this.examples] };
  }
}
