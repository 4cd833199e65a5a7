import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { shareOpsSocket, sharedOpsSocket, unshareOpsSocket } from './shared-socket';

// Never connected: only their identity matters here.
const socket = () => io('http://127.0.0.1:9/ops', { autoConnect: false });

afterEach(() => shareOpsSocket(null));

describe('the shared /ops socket', () => {
  it('is the one the live connection shared', () => {
    const s = socket();
    shareOpsSocket(s);
    expect(sharedOpsSocket()).toBe(s);
  });

  it('is forgotten when its connection stops', () => {
    const s = socket();
    shareOpsSocket(s);
    unshareOpsSocket(s);
    expect(sharedOpsSocket()).toBeNull();
  });

  it('stays the newer one when an older connection stops after it was replaced', () => {
    const old = socket();
    const next = socket();
    shareOpsSocket(old);
    shareOpsSocket(next);
    unshareOpsSocket(old);
    expect(sharedOpsSocket()).toBe(next);
  });
});
