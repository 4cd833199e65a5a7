import { describe, expect, it } from 'vitest';
import { Counter, Gauge, Histogram, Registry } from './metrics';

describe('the Prometheus registry', () => {
  it('renders counters with escaped labels and their help and type', () => {
    const r = new Registry();
    const c = r.add(new Counter('x_total', 'Things.'));
    c.inc({ ns: 'a"b' }, 2);
    expect(r.render()).toBe('# HELP x_total Things.\n# TYPE x_total counter\nx_total{ns="a\\"b"} 2\n');
  });

  it('renders cumulative histogram buckets with sum and count', () => {
    const h = new Histogram('d', 'D.', [1, 10]);
    h.observe({}, 0.5);
    h.observe({}, 5);
    expect(h.render()).toEqual(['# HELP d D.', '# TYPE d histogram', 'd_bucket{le="1"} 1', 'd_bucket{le="10"} 2', 'd_bucket{le="+Inf"} 2', 'd_sum 5.5', 'd_count 2']);
  });

  it('reads gauges at scrape time', () => {
    let n = 1;
    const g = new Gauge('g', 'G.', (set) => set({}, n));
    n = 7;
    expect(g.render()).toContain('g 7');
  });
});
