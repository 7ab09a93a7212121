import type { CaptureInfo, PacketRecord } from './types';

export function emptyCaptureInfo(): CaptureInfo {
  return {
    format: 'unknown', gzip: false, sections: [], interfaces: [], names: [], comments: [],
    blockCounts: {}, interfaceStats: {}, packets: 0, bytesRead: 0, stopped: false,
  };
}

export function newPacketRecord(): PacketRecord {
  return {
    frame: 0, tsSec: 0, tsNsec: 0, iface: 0, linktype: 0, caplen: 0, wirelen: 0,
    data: new Uint8Array(0), dataOffset: 0, offset: 0, comment: null, epbFlags: 0,
  };
}

/** Largest record or block we accept. Wireshark caps packets far lower; this bounds memory on lying lengths. */
export const MAX_UNIT_BYTES = 64 * 1024 * 1024;
