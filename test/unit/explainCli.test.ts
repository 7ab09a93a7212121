import assert from 'node:assert/strict';
import * as path from 'node:path';
import { explainCommand, parseExplainArgs } from '../../src/cli/explain';
import { UsageError } from '../../src/cli/commands';

const root = path.resolve(__dirname, '..', '..');
const file = (name: string): string => path.join(root, name);

/** Runs explainCommand and returns what it wrote to stdout. */
async function run(args: string[]): Promise<string> {
  const write = process.stdout.write.bind(process.stdout);
  let out = '';
  (process.stdout as { write: unknown }).write = (chunk: string | Uint8Array): boolean => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  };
  try {
    await explainCommand(args);
  } finally {
    (process.stdout as { write: unknown }).write = write;
  }
  return out;
}

describe('wirelane explain', () => {
  it('parses options with a separate or an "=" value, with defaults', () => {
    assert.deepEqual(parseExplainArgs(['a.pcap']), { file: 'a.pcap', stream: 0, what: 'handshake', frame: undefined, lang: 'en', format: 'markdown' });
    assert.deepEqual(parseExplainArgs(['--stream', '2', 'a.pcap', '--what=segment', '--frame', '7', '--lang', 'zh-CN', '--format=text']),
      { file: 'a.pcap', stream: 2, what: 'segment', frame: 7, lang: 'zh-cn', format: 'text' });
  });

  it('rejects bad usage', () => {
    for (const args of [[], ['a', 'b'], ['a', '--what', 'segment'], ['a', '--lang', 'fr'], ['a', '--format', 'html'], ['a', '--stream', '-1'], ['a', '--bogus', '1'], ['a', '--stream']]) {
      assert.throws(() => parseExplainArgs(args), UsageError, JSON.stringify(args));
    }
  });

  it('explains the handshake in Chinese text and the teardown in English Markdown with the capture\'s numbers', async () => {
    const zh = await run([file('test/fixtures/lo-ipv4.pcap'), '--stream', '0', '--what', 'handshake', '--lang', 'zh-cn', '--format', 'text']);
    assert.match(zh, /^连接 0 的握手 · 127\.0\.0\.1:41100 → 127\.0\.0\.1:18100\n=+\n/);
    assert.match(zh, /ack = x\+1 = \d+\+1 = \d+/);
    assert.ok(zh.includes('为什么需要三步？'));
    const en = await run([file('test/fixtures/close-3way.pcap'), '--what', 'teardown']);
    assert.ok(en.startsWith('## Teardown of connection 0'));
    assert.ok(en.includes('#### 2. FIN + ACK · server → client — frame 13'));
  });

  it('explains one segment by frame, and refuses a frame or stream the capture does not have', async () => {
    const seg = await run([file('media/sample/connections.pcapng'), '--stream', '2', '--what', 'segment', '--frame', '36', '--format', 'text']);
    assert.ok(seg.startsWith('Frame 36 · RST · server → client\n'));
    assert.ok(seg.includes('refuses the connection'));
    await assert.rejects(run([file('media/sample/connections.pcapng'), '--stream', '2', '--what', 'segment', '--frame', '3']), UsageError);
    await assert.rejects(run([file('media/sample/connections.pcapng'), '--stream', '3']), UsageError);
  });
});
