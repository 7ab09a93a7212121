import assert from 'node:assert/strict';
import { SegmentRole, stateName, TcpState, transition, type SegmentFacts } from '../../src/core/tcp/state';

const seg = (s: Partial<SegmentFacts>): SegmentFacts => ({
  syn: false, ack: false, fin: false, rst: false, acksOurFin: false, acksOurSyn: false, ...s,
});
const active = { passive: false };
const passive = { passive: true };

function step(from: TcpState, role: SegmentRole, s: Partial<SegmentFacts>, mem = active): string {
  const t = transition(from, role, seg(s), mem);
  return t ? stateName(t.to) : 'unchanged';
}

const SENT = SegmentRole.Sent;
const RECV = SegmentRole.Received;

describe('RFC 9293 endpoint state machine (one test per transition)', () => {
  it('CLOSED --send SYN--> SYN_SENT (§3.10.1)', () => assert.equal(step(TcpState.Closed, SENT, { syn: true }), 'SYN_SENT'));
  it('LISTEN --send SYN--> SYN_SENT (§3.10.2)', () => assert.equal(step(TcpState.Listen, SENT, { syn: true }), 'SYN_SENT'));
  it('SYN_SENT --send SYN again--> unchanged (retransmission)', () => assert.equal(step(TcpState.SynSent, SENT, { syn: true }), 'unchanged'));
  it('LISTEN --recv SYN--> SYN_RECEIVED (§3.10.7.2)', () => assert.equal(step(TcpState.Listen, RECV, { syn: true }, passive), 'SYN_RECEIVED'));
  it('CLOSED --recv SYN--> SYN_RECEIVED (LISTEN inferred)', () => assert.equal(step(TcpState.Closed, RECV, { syn: true }), 'SYN_RECEIVED'));
  it('SYN_SENT --recv SYN-ACK acking our SYN--> ESTABLISHED (§3.10.7.3)', () =>
    assert.equal(step(TcpState.SynSent, RECV, { syn: true, ack: true, acksOurSyn: true }), 'ESTABLISHED'));
  it('SYN_SENT --recv SYN-ACK with a wrong ACK--> unchanged', () =>
    assert.equal(step(TcpState.SynSent, RECV, { syn: true, ack: true }), 'unchanged'));
  it('SYN_SENT --recv bare SYN--> SYN_RECEIVED (simultaneous open, §3.10.7.3)', () =>
    assert.equal(step(TcpState.SynSent, RECV, { syn: true }), 'SYN_RECEIVED'));
  it('SYN_RECEIVED --recv SYN-ACK acking our SYN--> ESTABLISHED (simultaneous open)', () =>
    assert.equal(step(TcpState.SynReceived, RECV, { syn: true, ack: true, acksOurSyn: true }), 'ESTABLISHED'));
  it('SYN_RECEIVED --recv ACK of our SYN--> ESTABLISHED (§3.10.7.4)', () =>
    assert.equal(step(TcpState.SynReceived, RECV, { ack: true, acksOurSyn: true }, passive), 'ESTABLISHED'));
  it('SYN_RECEIVED --send SYN-ACK--> unchanged', () => assert.equal(step(TcpState.SynReceived, SENT, { syn: true, ack: true }), 'unchanged'));
  it('SYN_RECEIVED --send FIN--> FIN_WAIT_1 (§3.10.4)', () => assert.equal(step(TcpState.SynReceived, SENT, { fin: true, ack: true }), 'FIN_WAIT_1'));
  it('SYN_RECEIVED --recv FIN--> CLOSE_WAIT', () => assert.equal(step(TcpState.SynReceived, RECV, { fin: true }), 'CLOSE_WAIT'));
  it('ESTABLISHED --send FIN--> FIN_WAIT_1 (§3.10.4)', () => assert.equal(step(TcpState.Established, SENT, { fin: true, ack: true }), 'FIN_WAIT_1'));
  it('ESTABLISHED --recv FIN--> CLOSE_WAIT (§3.10.7.4)', () => assert.equal(step(TcpState.Established, RECV, { fin: true, ack: true }), 'CLOSE_WAIT'));
  it('ESTABLISHED --data--> unchanged', () => assert.equal(step(TcpState.Established, RECV, { ack: true }), 'unchanged'));
  it('FIN_WAIT_1 --recv ACK of our FIN--> FIN_WAIT_2', () => assert.equal(step(TcpState.FinWait1, RECV, { ack: true, acksOurFin: true }), 'FIN_WAIT_2'));
  it('FIN_WAIT_1 --recv ACK not of our FIN--> unchanged', () => assert.equal(step(TcpState.FinWait1, RECV, { ack: true }), 'unchanged'));
  it('FIN_WAIT_1 --recv FIN not acking ours--> CLOSING (simultaneous close)', () =>
    assert.equal(step(TcpState.FinWait1, RECV, { fin: true, ack: true }), 'CLOSING'));
  it('FIN_WAIT_1 --recv FIN+ACK of our FIN--> TIME_WAIT (3-way close)', () =>
    assert.equal(step(TcpState.FinWait1, RECV, { fin: true, ack: true, acksOurFin: true }), 'TIME_WAIT'));
  it('FIN_WAIT_2 --recv FIN--> TIME_WAIT', () => assert.equal(step(TcpState.FinWait2, RECV, { fin: true, ack: true }), 'TIME_WAIT'));
  it('FIN_WAIT_2 --recv data--> unchanged (half-close: the peer may still send)', () =>
    assert.equal(step(TcpState.FinWait2, RECV, { ack: true }), 'unchanged'));
  it('CLOSE_WAIT --send FIN--> LAST_ACK', () => assert.equal(step(TcpState.CloseWait, SENT, { fin: true, ack: true }), 'LAST_ACK'));
  it('CLOSE_WAIT --recv retransmitted FIN--> unchanged', () => assert.equal(step(TcpState.CloseWait, RECV, { fin: true, ack: true }), 'unchanged'));
  it('CLOSING --recv ACK of our FIN--> TIME_WAIT', () => assert.equal(step(TcpState.Closing, RECV, { ack: true, acksOurFin: true }), 'TIME_WAIT'));
  it('LAST_ACK --recv ACK of our FIN--> CLOSED', () => assert.equal(step(TcpState.LastAck, RECV, { ack: true, acksOurFin: true }), 'CLOSED'));
  it('TIME_WAIT --recv FIN again--> unchanged (timer restarts)', () => assert.equal(step(TcpState.TimeWait, RECV, { fin: true, ack: true }), 'unchanged'));
  it('SYN_SENT --recv RST+ACK--> CLOSED (refused)', () => assert.equal(step(TcpState.SynSent, RECV, { rst: true, ack: true }), 'CLOSED'));
  it('SYN_SENT --recv RST without ACK--> unchanged (not acceptable, §3.10.7.3)', () => assert.equal(step(TcpState.SynSent, RECV, { rst: true }), 'unchanged'));
  it('SYN_RECEIVED --recv RST--> LISTEN after a passive open', () => assert.equal(step(TcpState.SynReceived, RECV, { rst: true }, passive), 'LISTEN'));
  it('SYN_RECEIVED --recv RST--> CLOSED after an active open', () => assert.equal(step(TcpState.SynReceived, RECV, { rst: true }, active), 'CLOSED'));
  for (const s of [TcpState.Established, TcpState.FinWait1, TcpState.FinWait2, TcpState.CloseWait, TcpState.Closing, TcpState.LastAck, TcpState.TimeWait]) {
    it(`${stateName(s)} --recv RST--> CLOSED`, () => assert.equal(step(s, RECV, { rst: true, ack: true }), 'CLOSED'));
    it(`${stateName(s)} --send RST--> CLOSED (§3.10.5 ABORT)`, () => assert.equal(step(s, SENT, { rst: true, ack: true }), 'CLOSED'));
  }
  it('CLOSED --send RST--> unchanged (reply to an unacceptable segment)', () => assert.equal(step(TcpState.Closed, SENT, { rst: true, ack: true }), 'unchanged'));
  it('every transition names its RFC 9293 section', () => {
    const t = transition(TcpState.FinWait2, RECV, seg({ fin: true }), active);
    assert.match(t!.rule, /^RFC 9293 §3\.10/);
  });
});
