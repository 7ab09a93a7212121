/** The connections list's filter and sort (pure functions, no browser). */
import assert from 'node:assert/strict';
import type { ConnectionRow } from '../../src/shared/protocol';
import { arrange, matches } from '../../src/webview/connFilter';

function row(stream: number, over: Partial<ConnectionRow> = {}): ConnectionRow {
  return {
    stream, client: { ip: '10.0.0.1', port: 40000 + stream }, server: { ip: '192.168.1.20', port: 443 }, rolesInferred: false,
    start: stream * 1e9, durationNs: 1e9, packets: 10 + stream, bytesC2s: 100, bytesS2c: 1000, segments: 10 + stream,
    closeKind: 'fin-4way', connState: 'SF', history: 'ShADadFf', problems: {}, ...over,
  };
}

describe('connections filter and sort', () => {
  const rows = [
    row(0),
    row(1, { server: { ip: 'fe80::1', port: 80 }, closeKind: 'rst-server', connState: 'RSTR', problems: { rst: 1, retransmission: 3 } }),
    row(2, { problems: { zero_window: 2, window_full: 5 }, connState: 'S1', closeKind: 'open' }),
  ];

  it('matches addresses, ports (exact), streams, states, close kinds and flag names', () => {
    const q = (s: string) => rows.filter((r) => matches(r, s)).map((r) => r.stream);
    assert.deepEqual(q('192.168'), [0, 2]);
    assert.deepEqual(q('[fe80::1]:80'), [1]);
    assert.deepEqual(q('80'), [1]);
    assert.deepEqual(q('8'), []);
    assert.deepEqual(q('#2'), [2]);
    assert.deepEqual(q('rstr'), [1]);
    assert.deepEqual(q('rst-server'), [1]);
    assert.deepEqual(q('zero_window'), [2]);
    assert.deepEqual(q('tcp.analysis.retransmission'), [1]);
    assert.deepEqual(q('port:443 state:s1'), [2]);
    assert.deepEqual(q('flag:window'), [2]);
    assert.deepEqual(q(''), [0, 1, 2]);
  });

  it('sorts by a column (stable by stream) and puts problems first when asked', () => {
    assert.deepEqual(arrange(rows, '', 'packets', true, false).map((r) => r.stream), [2, 1, 0]);
    assert.deepEqual(arrange(rows, '', 'server', false, false).map((r) => r.stream), [0, 2, 1]);
    assert.deepEqual(arrange(rows, '', 'stream', false, true).map((r) => r.stream), [1, 2, 0]);
  });
});
