/**
 * 简体中文说明文本。类型为 `Messages`（由英文表定义），缺少键或参数形状不同都会导致编译失败。
 *
 * 术语：三次握手、四次挥手、序列号、确认号、初始序列号（ISN）、重传、窗口；状态名保留英文
 * （SYN_SENT、FIN_WAIT_1），RFC 规则中的状态名按 RFC 写法（SYN-SENT）。数字与算式保持 ASCII。
 */
import type { Side } from '../context';
import type { Messages } from './en';

/** A space beside 和 only next to Latin letters or digits (Chinese typesetting). */
const pad = (ch: string | undefined): string => (ch !== undefined && /[A-Za-z0-9]/.test(ch) ? ' ' : '');
const list = (items: string[]): string => {
  if (items.length <= 1) return items.join('');
  const head = items.slice(0, -1).join('、');
  const last = items[items.length - 1];
  return `${head}${pad(head[head.length - 1])}和${pad(last[0])}${last}`;
};
const fr = (n: number): string => `第 ${n} 帧`;
const frs = (ns: number[]): string => (ns.length === 1 ? fr(ns[0]) : `第 ${list(ns.map(String))} 帧`);
const bytes = (n: number): string => `${n} 字节`;
const side = (s: Side): string => (s === 'client' ? '客户端' : '服务器');

export const zhCn: Messages = {
  lang: 'zh-cn',
  side,
  Side: side,
  frame: fr,
  frames: frs,
  list,

  title: {
    segment: (p) => `帧 ${p.frame} · ${p.label} · ${p.from} → ${p.to}`,
    handshake: (p) => `连接 ${p.stream} 的握手 · ${p.client} → ${p.server}`,
    teardown: (p) => `连接 ${p.stream} 的关闭 · ${p.client} → ${p.server}`,
  },

  kind: {
    syn: 'SYN',
    synAck: 'SYN-ACK',
    handshakeAck: '握手 ACK',
    handshakeAckData: (n) => `握手 ACK + 数据（${bytes(n)}）`,
    data: (n) => `数据（${bytes(n)}）`,
    dataFin: (n) => `数据（${bytes(n)}）+ FIN`,
    fin: 'FIN',
    rst: 'RST',
    ack: 'ACK',
    ackOfFin: '对 FIN 的 ACK',
    keepAlive: '保活（keep-alive）',
    keepAliveAck: '保活 ACK',
    zeroWindowProbe: '零窗口探测',
    zeroWindowProbeAck: '零窗口探测的 ACK',
    dupAck: (n) => `重复 ACK #${n}`,
    windowUpdate: '窗口更新',
    other: '报文段',
    again: (label) => `${label}，重传`,
    outOfOrder: (label) => `${label}，乱序`,
  },

  role: {
    synStep1: (p) => `三次握手第 1 步：${side(p.who)}请求与${side(p.peer)}建立连接（RFC 9293 §3.5）。`,
    synAgain: (p) =>
      `${side(p.who)}再次发送 SYN（第 ${p.n} 次发送），距第一次（${fr(p.first)}）${p.after}：一直没有收到 SYN-ACK，重传计时器超时。`,
    synSimultaneous: (p) =>
      `同时打开中${side(p.who)}的 SYN：${side(p.peer)}几乎同时也发出了自己的 SYN，两者在途中交叉（RFC 9293 §3.5，图 8）。`,
    synAckStep2: (p) => `三次握手第 2 步：${side(p.who)}接受${side(p.peer)}的 SYN，并在同一个报文段里发出自己的 SYN。`,
    synAckSimultaneous: (p) => `同时打开：${side(p.who)}已收到${side(p.peer)}的 SYN，用一个 SYN-ACK 应答，其中重复了自己的 ISN。`,
    synAckAgain: (p) => `SYN-ACK 被再次发送（首次在${fr(p.first)}）。`,
    handshakeAck: (p) => `三次握手第 3 步：${side(p.who)}确认${side(p.peer)}的 SYN；至此连接在两个方向上都已建立。`,
    handshakeAckSimultaneous: (p) =>
      `同时打开之后双方都已处于 ESTABLISHED；${side(p.who)}在此确认${side(p.peer)}的 SYN-ACK（其中的 SYN 重复了${side(p.peer)}的 ISN）。`,
    handshakeAckData: (p) => `它已经携带了 ${bytes(p.len)}数据——收到 SYN-ACK 之后即可发送数据。`,
    data: (p) => `数据：${side(p.who)}发送 ${bytes(p.len)}应用数据。`,
    dataHalfClosed: (p) =>
      `${side(p.peer)}已关闭了自己的发送方向（FIN 在${fr(p.fin)}）；这个方向仍然打开，因此仍可发送：这就是半关闭。`,
    pureAck: (p) => `纯确认：${side(p.who)}不发送数据，只报告自己已收到的内容。`,
    firstFin: (p) =>
      `${side(p.who)}先关闭：它的 FIN 表示自己不再发送数据。${side(p.peer)}仍可继续发送；TCP 的两个方向各自单独关闭（RFC 9293 §3.6）。`,
    secondFin: (p) => `${side(p.who)}也关闭自己的方向：这是关闭过程中的第二个 FIN（${side(p.peer)}的 FIN 在${fr(p.fin)}）。`,
    finAlsoAcks: (p) => `同一个报文段还确认了${side(p.peer)}的 FIN，因此关闭只用了三个报文段，而不是四个。`,
    finCrossed: (p) =>
      `两个 FIN 交叉了：${side(p.who)}发出这个 FIN 时，${side(p.peer)}的 FIN（${fr(p.fin)}）还没有到达，所以它并未确认那个 FIN。这是同时关闭。`,
    finAgain: (p) => `FIN 被再次发送（首次在${fr(p.first)}）。`,
    ackOfFin: (p) => `${side(p.who)}确认${side(p.peer)}的 FIN（${fr(p.fin)}）。`,
    lastAck: (p) => `这是关闭过程的最后一个报文段：它到达后，${side(p.peer)}删除该连接。`,
    rstRefused: (p) =>
      `${side(p.who)}拒绝连接：端口 ${p.port} 上没有程序在监听，于是它的 TCP 用复位（RST）应答这个 SYN（RFC 9293 §3.10.7.1）。客户端的 connect() 以“connection refused”（连接被拒绝）失败。`,
    rstOwnAttempt: (p) => `${side(p.who)}在握手完成之前复位了自己的连接尝试（RFC 9293 §3.10.5，ABORT）。`,
    rstAbort: (p) =>
      `${side(p.who)}用复位（RST）中止连接，而不是用 FIN 关闭：没有告别，尚未交付的数据被丢弃，双方立即丢弃该连接（RFC 9293 §3.10.5）。对端应用程序会看到“connection reset by peer”（连接被对端重置）。`,
    other: '一个既没有 ACK、也没有 SYN、FIN 或 RST 标志的报文段：不常见。',
    rolesGuessed: (p) => `没有捕获到 SYN，因此哪一方是客户端只是根据端口推测的（服务器端口 ${p.port}）。`,
  },

  seq: {
    synIsn: (p) =>
      `seq = ${p.rel}（原始值 ${p.raw}）：${side(p.who)}的初始序列号（ISN）。SYN 占用一个序列号，因此${side(p.who)}的第一个数据字节的 seq 为 ${p.rel + 1}。`,
    synIsnAgain: (p) => `与${fr(p.first)}的 ISN 相同：这是同一次连接尝试，而不是新的连接。`,
    synData: (p) => `这个 SYN 还携带了 ${bytes(p.len)}数据：seq 1 到 ${p.len}。`,
    data: (p) =>
      `seq = ${p.rel}（原始值 ${p.raw}）：这 ${bytes(p.len)}是${side(p.who)}字节流中的第 ${p.rel} 到 ${p.rel + p.len - 1} 字节；它下一个新字节的 seq 为 ${p.rel + p.len}。`,
    dataAgain: (p) =>
      `seq = ${p.rel}（原始值 ${p.raw}）：这 ${bytes(p.len)}是${side(p.who)}字节流中的第 ${p.rel} 到 ${p.rel + p.len - 1} 字节，位于它已经发送过的字节之下。`,
    empty: (p) => `seq = ${p.rel}（原始值 ${p.raw}）：没有数据，也没有 SYN 或 FIN，因此这个报文段不占用序列号。`,
    fin: (p) =>
      `seq = ${p.rel}（原始值 ${p.raw}）${p.len ? `：先是 ${bytes(p.len)}数据，然后是 FIN` : ''}。FIN 本身占用序列号 ${p.finSeq}，所以对它的确认是 ack ${p.finSeq + 1}。`,
    rst: (p) => `seq = ${p.rel}（原始值 ${p.raw}）。只有 seq 落在接收方窗口内的复位才会被接受（RFC 9293 §3.10.7，RFC 5961 §3）。`,
    rstZero: (p) =>
      `原始 seq 为 0：这个复位应答的是一个不带 ACK 的报文段（即 SYN），按 RFC 9293 §3.10.7.1 此时使用序列号 0（相对值显示为 ${p.rel}）。`,
    baseGuessed: (p) =>
      `没有捕获到${side(p.who)}的 SYN：它的相对序号以抓包看到的第一个 seq（或对端第一个 ack）减 1 为起点，而不是以 ISN 为起点。`,
    baseFromSynAck: (p) =>
      `${side(p.who)}的 SYN 没有被捕获，但 SYN-ACK（${fr(p.frame)}）揭示了它的 ISN，因此它的相对序号仍以 ISN 为起点。`,
  },

  ack: {
    synAck: (p) =>
      `ack = ${p.pl}+1 = ${p.pisn}+1 = ${p.ack}，确认了携带 seq = ${p.pl} 的 SYN（${fr(p.synFrame)}）：SYN 用掉了序列号 ${p.pl}，所以${side(p.who)}期望的下一个序列号是 ${p.pl}+1。它自己的 seq = ${p.ol} = ${p.oisn} 是${side(p.who)}的 ISN。`,
    synAckData: (p) =>
      `ack = x+1+${p.len} = ${p.x}+1+${p.len} = ${p.ack}，确认了 SYN（${fr(p.synFrame)}）以及它携带的 ${bytes(p.len)}数据。它自己的 seq = y = ${p.y} 是${side(p.who)}的 ISN。`,
    synAckDataRefused: (p) => `它只确认了 SYN，没有确认 SYN 上的 ${bytes(p.len)}数据：${side(p.peer)}必须重新发送这些数据（RFC 7413 §3）。`,
    synAckNoSyn: (p) =>
      `${side(p.peer)}的 SYN 没有被捕获，但这个 ack 透露了它的 ISN：ack = x+1 = ${p.ackRaw}，所以 x = ${p.x}。它自己的 seq = y = ${p.y} 是${side(p.who)}的 ISN。`,
    handshake: (p) => `ack = ${p.pl}+1 = ${p.pisn}+1 = ${p.ack}（相对值 1），确认了${side(p.peer)}的 SYN（${fr(p.frame)}），该 SYN 携带 seq = ${p.pl}。`,
    belowSyn: (p) =>
      `ack ${p.ack}（原始值 ${p.raw}）连${side(p.peer)}的 SYN 都没有确认（那需要 ${p.pl}+1 = ${p.need}）：这是一个不可接受的确认（RFC 9293 §3.10.7.3）。`,
    refused: (p) =>
      `ack = x+1 = ${p.x}+1 = ${p.x1}，确认了${fr(p.frame)}的 SYN：处于 SYN_SENT 的主机只接受确认了该 SYN 的复位（RFC 9293 §3.10.7.3）。`,
    arith: (p) => {
      const parts = [`seq ${p.seq}`];
      if (p.syn) parts.push('1（SYN）');
      if (p.len) parts.push(bytes(p.len));
      if (p.fin) parts.push('1（FIN）');
      return `ack ${p.ack} = ${fr(p.frame)}的 ${parts.join(' + ')}。`;
    },
    meaning: (p) => `含义（原始 ack ${p.raw}）：${side(p.peer)}在 seq ${p.ack} 之前发送的每个字节都已到达；${p.ack} 是期望的下一个字节。`,
    finMeaning: 'FIN 占用一个序列号，所以 ack 比它多 1。',
    partial: (p) =>
      `ack ${p.ack} 落在${fr(p.frame)}（seq ${p.from} 到 ${p.to}）的中间：只确认了它 ${p.len} 字节中的前 ${bytes(p.n)}，其余部分仍未被确认。`,
    repeat: (p) => `ack ${p.ack}（原始值 ${p.raw}）重复了${fr(p.frame)}的确认：此后没有收到${side(p.peer)}的新数据。`,
    covers: (p) => `ack ${p.ack} 覆盖到${fr(p.frame)}的末尾，而这部分之前已经被确认过。`,
    nothingYet: (p) => `ack ${p.ack}：抓包中还没有看到${side(p.peer)}发出的数据。`,
    unseen: (p) => `ack ${p.ack} 确认了抓包从未看到的数据：抓到的${side(p.peer)}报文段只到 ${p.end} 为止。`,
    none: (p) => `ACK 标志未置位，因此确认号字段（原始值 ${p.raw}）没有意义。`,
    synNone: 'ACK 标志未置位：第一个 SYN 还没有什么需要确认。',
    rtt: (p) => `它在${fr(p.frame)}之后 ${p.rtt} 被捕获（在抓包点看到的一个 RTT 样本）。`,
  },

  win: {
    syn: (p) => `窗口 ${p.win} 字节。SYN 报文段的窗口从不缩放（RFC 7323 §2.2）。`,
    scaled: (p) =>
      `窗口 ${p.bytes} 字节 = 原始值 ${p.raw} × ${p.factor}（窗口缩放 ${p.shift}，来自${side(p.who)}的 SYN）：${side(p.who)}在其 ack 之后还能接收这么多字节。`,
    off: (p) =>
      `窗口 ${p.win} 字节，未缩放：此连接未启用窗口缩放（需要 SYN 和 SYN-ACK 都带该选项，RFC 7323 §1.3）。${side(p.who)}在其 ack 之后还能接收这么多字节。`,
    unknown: (p) =>
      `窗口：原始值 ${p.raw}。由于没有捕获到${side(p.who)}的 SYN，缩放值未知，实际窗口可能更大（原始值 × 2^缩放值）。`,
  },

  opt: {
    offered: (p) => `${side(p.who)}提供的选项：${p.list}。`,
    answered: (p) => `${side(p.who)}应答的选项：${p.list}。`,
    fromFirst: (p) => `（选项按第一个 SYN，即${fr(p.frame)}记录。）`,
    mss: (n) => `MSS ${n}（它能接收的最大报文段）`,
    wscale: (shift) => `窗口缩放 ${shift}（×${2 ** shift}）`,
    sackPerm: '允许 SACK',
    timestamps: '时间戳',
    tfo: 'TCP 快速打开（TFO）',
    ecnSyn: 'ECN（ECE+CWR：它可以使用 ECN）',
    ecnSynAck: 'ECN（ECE：它同意使用 ECN）',
    none: '无',
  },

  neg: {
    mss: (p) =>
      `有效 MSS：min(${p.client}, ${p.server}) = ${p.eff} 字节。每一方宣告的是自己能接收的最大报文段，因此双方发送的报文段都不会超过两者中较小的值。`,
    mssDefault: (p) => `${side(p.who)}没有发送 MSS 选项：发往它的报文段使用默认值 ${p.dflt} 字节（RFC 9293 §3.7.1）。`,
    wscaleOn: (p) =>
      `窗口缩放已启用：客户端的窗口以 ${p.cf} 为单位（缩放值 ${p.cs}），服务器的窗口以 ${p.sf} 为单位（缩放值 ${p.ss}）（RFC 7323 §2）。`,
    wscaleOff: (p) => `窗口缩放未启用：${p.who}提供了该选项，而它需要两个 SYN 都带上（RFC 7323 §1.3）；窗口保持在 64 KiB 以下。`,
    neither: '双方都没有',
    only: (s) => `只有${side(s)}`,
    sackOn: 'SACK 已启用：双方都可以报告空洞之后已收到的数据块（RFC 2018）。',
    sackOff: (p) => `SACK 未启用：${p.who}提供了它。`,
    tsOn: '时间戳已启用：每个报文段都携带 TSval/TSecr，用于测量 RTT 和防止序列号回绕（RFC 7323 §3、§5）。',
    tsOff: (p) => `时间戳未启用：${p.who}提供了它。`,
    ecnOn: 'ECN 已启用：路由器可以标记拥塞，而不必丢弃数据包（RFC 3168 §6.1.1）。',
    ecnOff: (p) => `ECN 未启用：${p.who}请求了它。`,
    summary: (p) => `与 SYN 一起确定了：${p.items}。`,
    short: {
      mss: (n) => `MSS ${n}`,
      wsOn: '启用窗口缩放',
      wsOff: '不启用窗口缩放',
      sackOn: '启用 SACK',
      sackOff: '不启用 SACK',
      tsOn: '启用时间戳',
      tsOff: '不启用时间戳',
    },
  },

  flag: {
    reusedPorts: (p) =>
      `端口复用：地址和端口与连接 ${p.prev}（最后出现在${fr(p.last)}）相同，但 ISN ${p.isn} 是新的：这是一个新连接，不是重传。`,
    reusedSynAck: (p) => `端口复用：SYN-ACK 的 ISN（${p.isn}）与这一方此前使用的不同；它的编号从这里重新开始。`,
    retrans: (p) =>
      `重传：seq ${p.seq} 小于期望的下一个序列号 ${p.next}（在${fr(p.nextFrame)}达到），所以这些字节之前发送过，首次在${fr(p.orig)}，${p.after} 之前。发送方没有及时收到确认，于是再次发送。`,
    retransUnseen: (p) =>
      `重传：seq ${p.seq} 小于期望的下一个序列号 ${p.next}（在${fr(p.nextFrame)}达到），所以这些字节之前发送过，只是第一次发送没有被捕获。`,
    duplicateCapture: (p) =>
      `与${fr(p.orig)}的字节相同，且在同一时刻被捕获：很可能是抓包把同一个数据包记录了两次，而不是真正的重传（Wireshark 仍会这样标记）。`,
    retransSyn: (p) => `重传：与${fr(p.first)}相同的 SYN，在其 ${p.after} 之后。`,
    retransFin: (p) => `重传：与${fr(p.first)}相同的 FIN，在其 ${p.after} 之后；它没有被及时确认。`,
    fast: (p) =>
      `快速重传：接收方已发送 ${p.count} 个重复 ACK 请求 seq ${p.seq}（最后一个在${fr(p.dupFrame)}），发送方没有等待重传计时器超时就重发了这个 seq（RFC 5681 §3.2）。Wireshark 判定快速重传的条件是：至少 2 个重复 ACK，且接收方最近的报文段（${fr(p.lastFrame)}）距此不到 20 ms（这里是 ${p.dt}）。`,
    fastNoDup: (p) => `快速重传：接收方的确认一直在请求 seq ${p.seq}，发送方在最后一个确认之后 20 ms 内重发了它（RFC 5681 §3.2）。`,
    spurious: (p) =>
      `虚假重传：其全部内容（seq ${p.from} 到 ${p.to}）早已被确认（${fr(p.frame)}的 ack ${p.ack}）；这次重发是不必要的。`,
    outOfOrder: (p) =>
      `乱序：seq ${p.seq} 小于期望的下一个序列号 ${p.next}，但它距最高的报文段（${fr(p.frame)}）只有 ${p.dt}，小于 ${p.threshold}（${p.rtt ? '握手 RTT' : '默认的 3 ms，因为不知道握手 RTT'}）：它是在途中被超越或超越了别的报文段，而不是被重发。`,
    lost: (p) =>
      `前一个报文段未被捕获：seq ${p.seq} 大于期望的下一个序列号 ${p.next}：它之前的 ${bytes(p.gap)}在这里从未出现（在抓包点之前丢失，或被抓包漏掉）。`,
    ackedUnseen: (p) =>
      `确认了未见到的报文段：ack ${p.ack} 确认了抓包从未看到的字节（抓到的${side(p.peer)}数据只到 ${p.end}）：抓包漏掉了实际已到达的报文段。`,
    dupAck: (p) =>
      `${fr(p.frame)}的重复 ACK #${p.n}：相同的 ack ${p.ack}、相同的窗口、没有数据。接收方重复表示它仍在等待 seq ${p.ack}，通常是因为后面的数据已经到达而这个字节缺失；3 个重复 ACK 会触发快速重传（RFC 5681 §3.2）。`,
    zeroWindow: (p) =>
      `零窗口：${side(p.who)}的接收缓冲区已满。对端必须停止发送新数据，直到窗口重新打开，期间对它进行探测（RFC 9293 §3.8.6.1）。`,
    zeroWindowProbe: (p) => `零窗口探测：在对端窗口为 0 时，在期望的下一个 seq ${p.seq} 处发送 1 字节，以得知窗口何时打开（RFC 9293 §3.8.6.1）。`,
    zeroWindowProbeAck: (p) => `对${fr(p.frame)}零窗口探测的应答：窗口仍然为 0。`,
    windowFull: (p) =>
      `窗口已满：报文段结束于 ${p.end} = ${fr(p.frame)}宣告的 ack ${p.ack} + 窗口 ${p.win}：它恰好填满了接收方的窗口，发送方必须等待 ACK 或窗口更新。`,
    keepAlive: (p) =>
      `保活（keep-alive）：seq ${p.seq} 比期望的下一个序列号 ${p.next} 小 1，且没有新数据：它重发一个已被确认的位置，迫使对端用 ACK 应答（RFC 9293 §3.8.4）。`,
    keepAliveZeroWindow: (p) => `对端窗口为 0（${fr(p.frame)}），所以这其实是 Linux 发送的那种零窗口探测；Wireshark 把它称为 keep-alive。`,
    keepAliveAck: (p) => `保活 ACK：对${fr(p.frame)}保活报文的应答，重复相同的 ack 和窗口。`,
    windowUpdateFirst: (p) =>
      `窗口更新（Wireshark 的标记）：这是${side(p.who)}的第一个报文段，没有更早的窗口可供比较，Wireshark 的规则把这算作一次变化。`,
    windowUpdate: (p) => `窗口更新：没有数据，seq 和 ack 不变；只有窗口从 ${p.from}（${fr(p.frame)}）变为 ${p.to} 字节。`,
  },

  state: {
    change: (p) =>
      `${p.who}：${p.from ? `${p.from}${p.fromInferred ? '（推断）' : ''} → ` : ''}${p.to}${p.inferred ? '（推断）' : ''}。${p.rule}。`,
    none: (p) => `状态不变：客户端仍为 ${p.client}，服务器仍为 ${p.server}。`,
  },

  rule: {
    abortSent: 'RFC 9293 §3.10.5：ABORT——发送 RST 即删除 TCB',
    activeOpen: 'RFC 9293 §3.10.1：主动 OPEN——发送 SYN，进入 SYN-SENT',
    sendInListen: 'RFC 9293 §3.10.2：在 LISTEN 状态下调用 SEND——发送 SYN，进入 SYN-SENT',
    closeInEstablished: 'RFC 9293 §3.10.4：在 ESTABLISHED 状态下调用 CLOSE——发送 FIN，进入 FIN-WAIT-1',
    closeInSynReceived: 'RFC 9293 §3.10.4：在 SYN-RECEIVED 状态下调用 CLOSE——发送 FIN，进入 FIN-WAIT-1',
    closeInCloseWait: 'RFC 9293 §3.10.4：在 CLOSE-WAIT 状态下调用 CLOSE——发送 FIN，进入 LAST-ACK',
    rstInSynSent: 'RFC 9293 §3.10.7.3：在 SYN-SENT 状态下收到带有可接受 ACK 的 RST——连接被拒绝，进入 CLOSED',
    rstSynReceivedPassive: 'RFC 9293 §3.10.7.4：被动 OPEN 之后在 SYN-RECEIVED 状态下收到 RST——回到 LISTEN',
    rstSynReceivedActive: 'RFC 9293 §3.10.7.4：主动 OPEN 之后在 SYN-RECEIVED 状态下收到 RST——连接被拒绝，进入 CLOSED',
    rstSynchronized: 'RFC 9293 §3.10.7.4：在同步状态下收到 RST——连接被复位，进入 CLOSED',
    rstClosing: 'RFC 9293 §3.10.7.4：在 CLOSING、LAST-ACK 或 TIME-WAIT 状态下收到 RST——进入 CLOSED',
    synInListen: 'RFC 9293 §3.10.7.2：在 LISTEN 状态下收到 SYN——进入 SYN-RECEIVED',
    synInClosed: 'RFC 9293 §3.10.7.2：收到 SYN（推断其处于 LISTEN）——进入 SYN-RECEIVED',
    synAckInSynSent: 'RFC 9293 §3.10.7.3：在 SYN-SENT 状态下收到确认本方 SYN 的 SYN-ACK——进入 ESTABLISHED',
    synInSynSent: 'RFC 9293 §3.10.7.3：在 SYN-SENT 状态下收到不带 ACK 的 SYN（同时打开）——进入 SYN-RECEIVED',
    synAckInSynReceived: 'RFC 9293 §3.10.7.4：在 SYN-RECEIVED 状态下收到确认本方 SYN 的 SYN-ACK（同时打开）——进入 ESTABLISHED',
    ackInSynReceived: 'RFC 9293 §3.10.7.4：在 SYN-RECEIVED 状态下收到对本方 SYN 的 ACK——进入 ESTABLISHED',
    ackInFinWait1: 'RFC 9293 §3.10.7.4：在 FIN-WAIT-1 状态下收到对本方 FIN 的 ACK——进入 FIN-WAIT-2',
    ackInClosing: 'RFC 9293 §3.10.7.4：在 CLOSING 状态下收到对本方 FIN 的 ACK——进入 TIME-WAIT',
    ackInLastAck: 'RFC 9293 §3.10.7.4：在 LAST-ACK 状态下收到对本方 FIN 的 ACK——删除 TCB，进入 CLOSED',
    finInEstablished: 'RFC 9293 §3.10.7.4：在 ESTABLISHED 状态下收到 FIN——进入 CLOSE-WAIT',
    finInSynReceived: 'RFC 9293 §3.10.7.4：在 SYN-RECEIVED 状态下收到 FIN——进入 CLOSE-WAIT',
    finInFinWait1: 'RFC 9293 §3.10.7.4：在 FIN-WAIT-1 状态下、本方 FIN 被确认之前收到 FIN（同时关闭）——进入 CLOSING',
    finAckInFinWait1: 'RFC 9293 §3.10.7.4：在 FIN-WAIT-1 状态下收到同时确认了本方 FIN 的 FIN——进入 TIME-WAIT',
    finInFinWait2: 'RFC 9293 §3.10.7.4：在 FIN-WAIT-2 状态下收到 FIN——进入 TIME-WAIT，启动 2·MSL 计时器',
    timeWaitTimeout: 'RFC 9293 §3.10.8：2·MSL 的 TIME-WAIT 超时到期——删除 TCB，进入 CLOSED',
    passiveOpenInferred: 'RFC 9293 §3.10.1：被动 OPEN——由它收到的 SYN 推断',
    closedBeforeOpen: 'RFC 9293 §3.3.2：主动 OPEN 之前处于 CLOSED',
    inferredSynReceived: '推断：它在应答一个未被捕获的 SYN（RFC 9293 §3.10.7.2）',
    inferredSynSent: '推断：它发送过一个未被捕获的 SYN（RFC 9293 §3.10.1）',
    inferredMidStream: '推断：抓包从连接中途开始（没有看到握手）',
    noListener: 'RFC 9293 §3.10.7.1：该端口上没有套接字在监听——处于 CLOSED 时，对 SYN 回应 RST',
    neverAnswered: '没有捕获到该端点发出的任何报文：既没有 SYN-ACK，也没有 RST（RFC 9293 §3.10.7.1），因此其状态未知——SYN 可能丢失、被过滤，或者根本没有主机应答',
    finsCrossed: (p) =>
      `RFC 9293 §3.10.7.4：对端的 FIN（第 ${p.frame} 帧）与本方的 FIN 交叉——在 FIN-WAIT-1 状态下、本方 FIN 被确认之前收到 FIN（同时关闭），进入 CLOSING`,
    synsCrossed: (p) => `RFC 9293 §3.10.7.3：对端的 SYN（第 ${p.frame} 帧）与本方的 SYN 交叉——同时打开，进入 SYN-RECEIVED`,
  },

  hs: {
    stepSyn: (p) => `SYN · ${p.from} → ${p.to}`,
    stepSynAck: (p) => `SYN-ACK · ${p.from} → ${p.to}`,
    stepAck: (p) => `ACK · ${p.from} → ${p.to}`,
    stepRst: (p) => `RST · ${p.from} → ${p.to}`,
    stepOther: (p) => `${p.label} · ${p.from} → ${p.to}`,
    stepSynMissing: 'SYN · 未被捕获',
    stepAckMissing: 'ACK · 未被捕获',

    sumComplete: (p) => `完整的三次握手：SYN、SYN-ACK、ACK。握手 RTT 为 ${p.rtt}。`,
    sumSimultaneous: '同时打开：双方几乎同时发送了 SYN，且没有一方在监听；每一方都应答了对方的 SYN，因此握手用了四个报文段而不是三个（RFC 9293 §3.5，图 8）。',
    sumRefused: (p) => `连接被拒绝：SYN 得到的应答是复位（RST），因为端口 ${p.port} 上没有程序在监听。连接从未建立。`,
    sumUnanswered: (p) => `无应答：客户端${p.n === 1 ? '发送了一个 SYN' : `在 ${p.span} 内把 SYN 发送了 ${p.n} 次`}，但没有任何回应。`,
    sumAborted: '客户端放弃了：在抓到任何应答之前，它复位了自己的连接尝试。',
    sumOddAnswer: 'SYN 没有得到 SYN-ACK 应答：服务器发回的报文段并未确认它，连接尝试失败。',
    sumNoFinalAck: '握手不完整：抓到了 SYN 和 SYN-ACK，但没有抓到客户端最后的 ACK。',
    sumSynNotCaptured: '客户端的 SYN 没有被捕获：抓包从服务器的 SYN-ACK 开始。握手的大部分内容仍可从中读出。',
    sumNotCaptured: (p) => `握手没有被捕获：抓包从连接中途开始（第一个包${fr(p.frame)}是一个普通报文段）。`,
    sumReordered: (p) =>
      `抓包中 SYN-ACK（${fr(p.synAck)}）出现在 SYN（${fr(p.syn)}）之前：两者在抓包点被重新排序了（多个抓包队列，或时间戳记录顺序颠倒）。SYN-ACK 的 ack = x+1 与 SYN 的 seq = x 相符，所以它应答的正是这个 SYN。`,

    syn: (p) => `客户端选定初始序列号 x = ${p.x}，发送 seq = x（相对 seq 0）的 SYN。SYN 占用一个序列号，即 x 本身。`,
    retransAt: (p) => `${fr(p.frame)}（+${p.after}）`,
    synRetrans: (p) => `SYN 以相同的 ISN 被再次发送：${p.times}。`,
    synBackoff: (p) => `各次发送之间的间隔（${p.gaps}）每次加倍：重传计时器初值约为 1 s（RFC 6298 §2.1），并按指数退避（RFC 6298 §5.5）。`,
    synGaps: (p) => `各次发送之间的间隔：${p.gaps}。`,
    synRetransAnswered: 'SYN-ACK 无法区分它应答的是哪一个副本：它们都携带相同的 seq = x。',
    synData: (p) =>
      `这个 SYN 携带了 ${bytes(p.len)}数据${p.tfo ? '和一个 TCP 快速打开 cookie' : ''}：借助 TCP 快速打开（TFO，RFC 7413），持有先前连接所得 cookie 的客户端可以在 SYN 中发送数据，节省一个往返时间。`,
    tfoRequest: '客户端请求一个 TCP 快速打开 cookie（不带数据的选项）：以后的连接可以凭它在 SYN 中发送数据（RFC 7413）。',
    synAck: (p) =>
      `服务器选定自己的 ISN y = ${p.y}，用 SYN-ACK 应答：seq = y，ack = x+1 = ${p.x}+1 = ${p.x1}。为什么要 +1：SYN 占用了序列号 x，所以服务器期望客户端的下一个序列号是 x+1；确认 x+1 就是确认了这个 SYN 本身。`,
    synAckData: (p) =>
      `服务器选定自己的 ISN y = ${p.y}，用 SYN-ACK 应答：seq = y，ack = x+1+${p.len} = ${p.x}+1+${p.len} = ${p.ack}。它既确认了 SYN（+1：SYN 占用了序列号 x），也确认了 SYN 携带的 ${bytes(p.len)}数据：服务器接受了这些数据。`,
    synAckDataRefused: (p) =>
      `ack 只覆盖了 SYN，没有覆盖 SYN 上的 ${bytes(p.len)}数据：服务器不接受 SYN 携带的数据，客户端会在握手之后重新发送（RFC 7413 §3）。`,
    synAckRetrans: (p) => `SYN-ACK 在${frs(p.frames)}被再次发送。`,
    synAckInferredX: (p) => `客户端的 SYN 没有被捕获，但 SYN-ACK（${fr(p.frame)}）透露了它的 ISN：其 ack = x+1 = ${p.ackRaw}，所以 x = ${p.x}。`,
    ack: (p) =>
      `客户端确认服务器的 SYN：ack = y+1 = ${p.y}+1 = ${p.y1}，它自己的 seq = ${p.seqRaw}（相对值 ${p.seq}）。服务器的 SYN 同样占用一个序列号，所以这里也要 +1。`,
    ackData: (p) => `这个 ACK 已经携带了 ${bytes(p.len)}数据。`,
    bothEstablished: '现在双方都处于 ESTABLISHED。',
    rttOnly: (p) => `握手 RTT 为 ${p.rtt}：在抓包点测得，从最后一个 SYN（${fr(p.syn)}）到完成握手的 ACK（${fr(p.ack)}）。`,
    synAckRtt: (p) => `从 SYN（${fr(p.syn)}）到 SYN-ACK（${fr(p.synAck)}）：在抓包点测得 ${p.rtt}；没有最后的 ACK，完整的握手 RTT 无法得知。`,
    rtt: (p) =>
      `握手 RTT 为 ${p.rtt}：在抓包点测得，从 SYN（${fr(p.syn)}）到 ACK（${fr(p.ack)}）；其中 SYN 到 SYN-ACK 为 ${p.synToSynAck}（到服务器的往返），SYN-ACK 到 ACK 为 ${p.synAckToAck}（到客户端的往返）。`,
    noAck: '客户端的 ACK（第 3 步）没有被捕获：它可能丢失了，抓包已经结束，或者它没有经过抓包点。客户端在收到 SYN-ACK 时已进入 ESTABLISHED；服务器停留在 SYN_RECEIVED，并会重发 SYN-ACK，直到 ACK 到达。',
    refusedRst: (p) =>
      `服务器的 TCP 在 SYN 之后 ${p.dt} 用复位应答：seq 0，ack = x+1 = ${p.x}+1 = ${p.x1}。由于没有连接、也没有 ISN，它使用 seq 0，并确认这个 SYN，以便客户端接受这个复位（RFC 9293 §3.10.7.1、§3.10.7.3）。客户端回到 CLOSED；它的 connect() 以“connection refused”（连接被拒绝）失败。`,
    refusedWhy: '收到复位说明确实有主机应答了：端口是关闭的，而不是被过滤。丢弃 SYN 的防火墙根本不会应答（那时客户端会不断重传 SYN，直到放弃）。',
    unansweredWhy: '抓包无法说明为什么没有回应：SYN 可能在途中丢失或被过滤，目标主机可能已关机，或者应答走了一条不经过抓包点的路径。客户端会停留在 SYN_SENT，直到 connect() 超时（Linux：重传 6 次之后，约 127 s）。',
    abortedRst: (p) => `客户端在发出 SYN 之后 ${p.dt} 为自己的连接尝试发送了复位：它放弃了这个连接（RFC 9293 §3.10.5，ABORT）。没有捕获到服务器的任何应答。`,
    oddAnswer: (p) =>
      `服务器应答的是一个普通的 ${p.label}，而不是 SYN-ACK：它的 ack ${p.ackRaw} 并没有确认这个 SYN（那应当是 x+1 = ${p.x1}）。当主机认为这对端口上已经存在一个连接时，就会这样应答 SYN（即 challenge ACK，RFC 5961 §4）。`,
    oddAnswerRst: (p) => `处于 SYN_SENT 时，对不可接受的 ACK 要回应一个复位，其 seq 取该 ACK 的确认号（RFC 9293 §3.10.7.3）：seq = ${p.seqRaw}。`,
    simSyn2: (p) =>
      `服务器在客户端的 SYN 到达之前发出了自己的 SYN，seq = y = ${p.y}：两个 SYN 交叉了。随后双方都在 SYN_SENT 状态下收到对方的 SYN，进入 SYN_RECEIVED（RFC 9293 §3.10.7.3）。`,
    simSynAck: (p) =>
      `${side(p.who)}用 SYN-ACK 应答${side(p.peer)}的 SYN：seq = ${p.own} = ${p.isn}（再次使用自己的 ISN），ack = ${p.other}+1 = ${p.ack}。当一方的 SYN 被对方的 SYN-ACK 确认时，它就进入 ESTABLISHED。`,
    simNoListen: '双方都没有处于 LISTEN：两边都是主动打开；这里的“客户端”只是指抓包中先看到其 SYN 的一方。',
    midUnknown: '没有 SYN 就无法得知：初始序列号（相对序号从看到的第一个报文段起从 1 开始）、选项（MSS、窗口缩放、SACK、时间戳）、握手 RTT，以及是哪一方发起的连接。',
    midRoles: (p) => `角色是根据端口推测的：端口为 ${p.port} 的一方被视为服务器。`,
    midWindow: (p) => `窗口缩放值未知：${fr(p.frame)}的原始窗口值为 ${p.raw}；如果握手协商了缩放值，实际窗口为 ${p.raw} × 2^缩放值，而抓包无法得知。`,
    synNotCapturedUnknown: (p) =>
      `缺失的 SYN 隐藏了：客户端的选项（MSS、窗口缩放、SACK、时间戳），因此客户端的窗口只能显示为未缩放的原始值；以及完整的握手 RTT——只测到了 SYN-ACK 到 ACK（${p.rtt}）。`,
    synNotCapturedNoRtt: '缺失的 SYN 隐藏了：客户端的选项（MSS、窗口缩放、SACK、时间戳），因此客户端的窗口只能显示为未缩放的原始值；以及握手 RTT。',
    whyTitle: '为什么需要三步？',
    why1: 'SYN 可能在网络中滞留，在它所属的连接早已结束之后才到达。如果一个 SYN 加一个应答就足够，这种过期的 SYN 就会建立一个客户端从未请求过的连接，白白占用服务器资源。有了三步，服务器要等客户端确认 y+1——也就是服务器刚刚选定的 ISN：只有真正在线、收到了这个 SYN-ACK 的客户端才能做到。旧连接的客户端收到意料之外的 SYN-ACK 时，会回应复位（RFC 9293 §3.5）。',
    why2: '而且每一方都必须得知对方的初始序列号，并让自己的初始序列号得到确认：客户端的 SYN 携带 x，由 x+1 确认；服务器的 SYN 携带 y，由 y+1 确认。服务器把自己的 SYN 和 ACK 放在同一个报文段里，于是四条消息只需三个报文段。',
    whySimultaneous: '这里每一方都发出了自己的 SYN，并用单独的 SYN-ACK 确认对方的 SYN，因此同样的四条消息用了四个报文段。',
    resultTitle: '结果',
    unknownTitle: '抓包无法说明的内容',
    notesTitle: '说明',
  },

  td: {
    stepFin: (p) => `FIN · ${p.from} → ${p.to}`,
    stepAck: (p) => `ACK · ${p.from} → ${p.to}`,
    stepFinAck: (p) => `FIN + ACK · ${p.from} → ${p.to}`,
    stepRst: (p) => `RST · ${p.from} → ${p.to}`,
    stepData: (p) => `FIN 之后的数据 · ${p.from} → ${p.to}`,

    sum4: (p) => `四次挥手：${side(p.closer)}先关闭（FIN、ACK、FIN、ACK）。`,
    sum3: (p) => `三个报文段的关闭：${side(p.closer)}先关闭，${side(p.other)}的 FIN 同时携带了对那个 FIN 的 ACK。`,
    sumSimultaneous: '同时关闭：双方都在收到对方的 FIN 之前发出了自己的 FIN；两个 FIN 交叉，双方都经过了 CLOSING。',
    sumHalfClosed: (p) => `半关闭：${side(p.closer)}发送了 FIN，但抓包在${side(p.other)}关闭自己的方向之前就结束了。`,
    sumRst: (p) => `复位：${side(p.who)}用 RST（${fr(p.frame)}）结束了连接，而不是通过 FIN 交换。`,
    sumNotCaptured: (p) =>
      `没有捕获到关闭：既没有 FIN，也没有 RST。在最后一个被捕获的报文段（${fr(p.frame)}：客户端 ${p.client}，服务器 ${p.server}）时连接仍然打开，或者它在抓包停止之后才关闭。`,
    sumNeverOpened: '没有关闭过程：这个连接从未建立（参见握手说明）。',

    fin1: (p) => `${side(p.who)}没有更多数据要发送，关闭自己的方向：FIN，seq = ${p.seq}（原始值 ${p.raw}）。FIN 占用序列号 ${p.finSeq}。`,
    fin1Data: (p) => `同一个报文段还携带了最后的 ${bytes(p.len)}数据。`,
    finRetrans: (p) => `FIN 在${frs(p.frames)}被再次发送。`,
    ackFin: (p) =>
      `${side(p.who)}确认${side(p.peer)}的 FIN：ack = ${p.finSeq}+1 = ${p.ack}，在 FIN 之后 ${p.dt}。FIN 占用了一个序列号，所以对它的 ACK 要比它多 1。`,
    ackFinNotCaptured: (p) => `没有捕获到对${side(p.peer)} FIN 的 ACK。`,
    closeWait: (p) => `${side(p.who)}的应用程序读到流结束（EOF），但仍可继续发送；发送完毕后，它再关闭自己的方向。`,
    halfClose: (p) =>
      `使用了半关闭：收到${side(p.peer)}的 FIN 之后，${side(p.who)}仍然用 ${p.n} 个报文段（${frs(p.frames)}）发送了 ${bytes(p.bytes)}，${side(p.peer)}也确认了它们：它的接收方向一直打开，直到${side(p.who)}发出自己的 FIN。`,
    fin2: (p) => `第一个 FIN 之后 ${p.dt}，${side(p.who)}也关闭了：FIN，seq = ${p.seq}（原始值 ${p.raw}），占用序列号 ${p.finSeq}。`,
    fin2AlsoAcks: (p) =>
      `它同时确认了${side(p.peer)}的 FIN（ack = ${p.finSeq}+1 = ${p.ack}），因此${side(p.peer)}从 FIN_WAIT_1 直接进入 TIME_WAIT，跳过了 FIN_WAIT_2（RFC 9293 §3.10.7.4）。`,
    fin2Crossed: (p) =>
      `${side(p.who)}发出它时，${side(p.peer)}的 FIN 还没有到达：它的 ack ${p.ack} 没有覆盖那个 FIN（那需要 ${p.finSeq + 1}）。两个 FIN 交叉了（RFC 9293 §3.6，图 13）。`,
    lastAck: (p) => `${side(p.who)}确认${side(p.peer)}的 FIN：ack = ${p.finSeq}+1 = ${p.ack}。这最后一个 ACK 关闭了${side(p.peer)}一侧。`,
    halfOpenEnd: (p) =>
      `抓包到此结束：${side(p.closer)}处于 ${p.cs}，等待${side(p.other)}的 FIN；${side(p.other)}处于 ${p.os}，仍可以继续发送。`,
    rst: (p) =>
      `${side(p.who)}发送复位：seq = ${p.seq}（原始值 ${p.raw}）${p.ack ? '，带 ACK' : ''}。${p.next ? '这正是它的下一个序列号，落在接收方窗口之内，因此接收方' : '接收方'}会接受 seq 在其窗口内的复位，并立即丢弃该连接（RFC 9293 §3.10.7.4）。`,
    rstWhy: '复位是一种中止式关闭：没有 FIN 交换，也没有 TIME_WAIT；仍在队列中或在途的数据被丢弃，对端应用程序得到“connection reset by peer”（连接被对端重置）。应用程序在出错、超时，或关闭仍有未读数据的套接字时会这样中止连接（RFC 9293 §3.10.5；RFC 2525 §2.17）。',
    rstAfterFin: '在它之前的 FIN 已经开始了正常关闭；复位将其中断。',
    timeWaitEntered: (p) => `${side(p.who)}在${fr(p.frame)}进入 TIME_WAIT。`,
    timeWaitLeft: (p) => `它在 ${p.after} 之后离开 TIME_WAIT（2·MSL 到期），早于抓包结束。`,
    timeWaitStill: (p) => `抓包在 ${p.left} 之后结束，此时它仍处于 TIME_WAIT（本分析中 TIME_WAIT 持续 ${p.hold}）。`,
    rstTitle: '为什么是复位？',
    whyTitle: '为什么需要四步？',
    why4: 'TCP 是全双工的：每个方向都是一条独立的字节流，要由各自的 FIN 和各自的 ACK 来关闭。FIN 只表示“我不再发送”；对方可以继续发送，直到它也关闭自己的方向。两个 FIN 加两个 ACK，就是四个报文段。',
    why4HalfClose: (p) => `这个抓包正好展示了这一点：${side(p.who)}在收到第一个 FIN 之后又发送了 ${bytes(p.bytes)}。`,
    why4Delay: (p) => `这里${side(p.other)}已经没有更多数据要发送，但它的应用程序仍然过了 ${p.dt} 才关闭，所以它的 ACK 和 FIN 是分开发送的。`,
    why3: '如果第二方立即关闭，它对第一个 FIN 的 ACK 可以搭载在自己的 FIN 上，关闭就只需三个报文段；协议本身没有任何变化。',
    whySimultaneous: '当双方同时关闭时，每个 FIN 都在对方的 FIN 到达之前发出。于是每一方都在自己的 FIN 尚未被确认时收到了 FIN（FIN_WAIT_1 → CLOSING），并在自己的 FIN 被确认后进入 TIME_WAIT：双方最终都处于 TIME_WAIT。',
    timeWaitTitle: '为什么 TIME_WAIT 要持续 2·MSL',
    timeWait1: (p) =>
      `先关闭的${side(p.who)}要在 TIME_WAIT 中等待两倍的最长报文段寿命（MSL），然后才忘掉这个连接（RFC 9293 §3.10.7.4、§3.10.8）。第一，它的最后一个 ACK 可能丢失：那时对端会重发 FIN，只有仍记得这个连接的一方才能再次确认它，而不是回应复位。`,
    timeWait2: '第二，这个连接的旧的重复报文段可能仍在网络中：等待 2·MSL 让它们消亡，以免被误认为是同一对端口上新连接的数据。RFC 9293 假定 MSL = 2 分钟（2·MSL = 4 分钟）；Linux 的 TIME_WAIT 持续 60 s。',
  },

  render: {
    steps: '步骤',
    step: (p) => `${p.n}. ${p.title}`,
    frameRef: (n) => `帧 ${n}`,
    frameSep: '、',
  },
};
