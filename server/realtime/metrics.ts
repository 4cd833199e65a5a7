/**
 * A small Prometheus registry (text exposition format 0.0.4): counters, gauges and histograms
 * with labels. Enough for the gateway's few series without another dependency.
 */
type Labels = Record<string, string>;

const labelText = (labels: Labels) => {
  const keys = Object.keys(labels);
  if (keys.length === 0) return '';
  const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  return `{${keys.map((k) => `${k}="${esc(labels[k])}"`).join(',')}}`;
};
const keyOf = (labels: Labels) => JSON.stringify(Object.entries(labels).sort());

interface Metric {
  render: () => string[];
}

class Series<T> {
  protected readonly series = new Map<string, { labels: Labels; value: T }>();
  protected entry(labels: Labels, init: () => T) {
    const k = keyOf(labels);
    let e = this.series.get(k);
    if (!e) {
      e = { labels, value: init() };
      this.series.set(k, e);
    }
    return e;
  }
}

export class Counter extends Series<number> implements Metric {
  constructor(
    readonly name: string,
    readonly help: string,
  ) {
    super();
  }
  inc(labels: Labels = {}, by = 1): void {
    this.entry(labels, () => 0).value += by;
  }
  get(labels: Labels = {}): number {
    return this.series.get(keyOf(labels))?.value ?? 0;
  }
  render(): string[] {
    return [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`, ...[...this.series.values()].map((e) => `${this.name}${labelText(e.labels)} ${e.value}`)];
  }
}

export class Gauge extends Series<number> implements Metric {
  constructor(
    readonly name: string,
    readonly help: string,
    /** Read at scrape time, for values the gateway already knows (e.g. connected sockets). */
    private readonly collect?: (set: (labels: Labels, value: number) => void) => void,
  ) {
    super();
  }
  set(labels: Labels, value: number): void {
    this.entry(labels, () => 0).value = value;
  }
  render(): string[] {
    this.collect?.((labels, value) => this.set(labels, value));
    return [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`, ...[...this.series.values()].map((e) => `${this.name}${labelText(e.labels)} ${e.value}`)];
  }
}

export class Histogram extends Series<{ counts: number[]; sum: number; count: number }> implements Metric {
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: readonly number[],
  ) {
    super();
  }
  observe(labels: Labels, value: number): void {
    const e = this.entry(labels, () => ({ counts: this.buckets.map(() => 0), sum: 0, count: 0 })).value;
    this.buckets.forEach((b, i) => {
      if (value <= b) e.counts[i]++;
    });
    e.sum += value;
    e.count++;
  }
  render(): string[] {
    const out = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const { labels, value } of this.series.values()) {
      this.buckets.forEach((b, i) => out.push(`${this.name}_bucket${labelText({ ...labels, le: String(b) })} ${value.counts[i]}`));
      out.push(`${this.name}_bucket${labelText({ ...labels, le: '+Inf' })} ${value.count}`);
      out.push(`${this.name}_sum${labelText(labels)} ${value.sum}`, `${this.name}_count${labelText(labels)} ${value.count}`);
    }
    return out;
  }
}

export class Registry {
  private readonly metrics: Metric[] = [];
  add<M extends Metric>(m: M): M {
    this.metrics.push(m);
    return m;
  }
  render(): string {
    return `${this.metrics.flatMap((m) => m.render()).join('\n')}\n`;
  }
}

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
