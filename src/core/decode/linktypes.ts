/** LINKTYPE_ values this decoder understands (tcpdump.org/linktypes.html). */
export const enum LinkType {
  Null = 0,
  Ethernet = 1,
  ArcnetBsd = 7,
  Ppp = 9,
  RawBsd12 = 12,
  RawBsd14 = 14,
  PppHdlc = 50,
  PppEther = 51,
  Raw = 101,
  CHdlc = 104,
  Loop = 108,
  LinuxSll = 113,
  ArcnetLinux = 129,
  JuniperEther = 178,
  Ipv4 = 228,
  Ipv6 = 229,
  LinuxSll2 = 276,
}

export const LINKTYPE_NAMES: Record<number, string> = {
  0: 'NULL', 1: 'ETHERNET', 7: 'ARCNET_BSD', 9: 'PPP', 12: 'RAW', 14: 'RAW', 50: 'PPP_HDLC', 51: 'PPP_ETHER',
  101: 'RAW', 104: 'C_HDLC', 105: 'IEEE802_11', 108: 'LOOP', 113: 'LINUX_SLL', 127: 'IEEE802_11_RADIOTAP',
  129: 'ARCNET_LINUX', 178: 'JUNIPER_ETHER', 182: 'JUNIPER_PPPOE', 228: 'IPV4', 229: 'IPV6', 276: 'LINUX_SLL2',
};

export function linktypeName(lt: number): string {
  return LINKTYPE_NAMES[lt] ?? `LINKTYPE_${lt}`;
}

export function isSupportedLinktype(lt: number): boolean {
  switch (lt) {
    case 0: case 1: case 7: case 9: case 12: case 14: case 50: case 51: case 101: case 104:
    case 108: case 113: case 129: case 178: case 228: case 229: case 276:
      return true;
    default:
      return false;
  }
}
