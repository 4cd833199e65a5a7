import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inspectorUrlIn, inspectNodeOptions, rssMb, settledMemory, sumsOf, tail } from './watch';

describe('sumsOf', () => {
  it('adds a metric up over its labels', () => {
    const text = ['# TYPE polis_gateway_poll_errors_total counter', 'polis_gateway_poll_errors_total{layer="traffic"} 2', 'polis_gateway_poll_errors_total{layer="air"} 3', 'polis_gateway_leader 1'].join('\n');
    expect(Object.fromEntries(sumsOf(text))).toEqual({ polis_gateway_poll_errors_total: 5, polis_gateway_leader: 1 });
  });
});

describe('tail', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('returns only the complete lines added since the last read', () => {
    dir = mkdtempSync(join(tmpdir(), 'soak-tail-'));
    const file = join(dir, 'web.log');
    const read = tail(file);
    expect(read()).toEqual([]);
    appendFileSync(file, 'one\ntwo\nthr');
    expect(read()).toEqual(['one', 'two']);
    appendFileSync(file, 'ee\n');
    expect(read()).toEqual(['three']);
  });
});

describe('rssMb', () => {
  it('reads this process’s resident memory', () => {
    expect(rssMb(process.pid)).toBeGreaterThan(10);
  });

  it('says null for a process that is not there', () => {
    expect(rssMb(2 ** 22 + 1)).toBeNull();
  });
});

describe('inspectorUrlIn', () => {
  it('finds the inspector address Node printed in a log', () => {
    const log = '{"level":"info"}\nDebugger listening on ws://127.0.0.1:40123/6b1c2f0e-1f1e-4a57\nFor help, see: https://nodejs.org/en/docs/inspector\n';
    expect(inspectorUrlIn(log)).toBe('ws://127.0.0.1:40123/6b1c2f0e-1f1e-4a57');
  });

  it('says null when the process has no inspector', () => {
    expect(inspectorUrlIn('{"level":"info"}\n')).toBeNull();
  });
});

describe('settledMemory', () => {
  it('reads the heap left after a full collection in a process started with the soak’s options', async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      env: { ...process.env, NODE_OPTIONS: inspectNodeOptions() },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    try {
      let err = '';
      while (!inspectorUrlIn(err)) err += String((await once(child.stderr, 'data'))[0]);
      const settled = await settledMemory(inspectorUrlIn(err) as string);
      expect(settled?.heapUsedMb).toBeGreaterThan(0.5);
      expect(settled?.cpuSeconds).toBeGreaterThan(0);
    } finally {
      child.kill();
    }
  });
});
