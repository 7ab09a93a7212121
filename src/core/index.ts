/**
 * Wirelane core — the public API (platform-free: no Node or vscode imports).
 *
 *   bytes ─▶ capture (pcap | pcapng | gzip) ─▶ PacketRecord ─▶ PacketDecoder ─▶ DecodedPacket ─▶ PacketTable
 *
 * Contract notes: PacketRecord and DecodedPacket objects are reused for every packet (copy
 * what you keep); diagnostics never throw — they are delivered to the sink with an offset.
 */
export type {
  CaptureFormat, CaptureInfo, CaptureParser, CaptureSink, Diagnostic, InterfaceInfo, NameRecord,
  PacketRecord, SectionInfo, Severity,
} from './capture/types';
export { createCaptureParser, detectFormat, type DetectedFormat } from './capture/detect';
export { PcapParser } from './capture/pcap';
export { PcapngParser } from './capture/pcapng';
export { readCaptureStream, type StreamOptions } from './capture/stream';
export { formatEpoch, timestampToSecNsec } from './capture/timestamp';
export { PacketDecoder, newDecodedPacket, internetChecksum } from './decode/decoder';
export { decodeTcpOptions, mptcpSubtypeName } from './decode/tcpOptions';
export { formatIpv4Bytes, formatIpv6Bytes } from './decode/address';
export { isSupportedLinktype, linktypeName } from './decode/linktypes';
export { Layer, LAYER_NAMES, OptBit, Problem, TcpFlag, type DecodedPacket, type TcpOption } from './decode/types';
export { PacketTable } from './model/packetTable';
export { flagLetters, sourceAddress, destinationAddress, layerString, packetOptions, problemList } from './decode/describe';
export { DecodingSink, type DecodeCounts } from './decode/session';
export { SegmentTable } from './model/segmentTable';
export { TcpTracker, closeKind, DEFAULT_TIME_WAIT_SECONDS, type TrackerOptions } from './tcp/tracker';
export { TcpConnection, type CloseKind, type StateChange } from './tcp/connection';
export { AnalysisSink } from './tcp/analyze';
export { Analysis, ANALYSIS_NAMES, analysisNames, type AnalysisName } from './tcp/analysisFlags';
export { TcpState, STATE_NAMES, stateName, type StateName } from './tcp/state';
export type {
  CaptureSummary, CloseKindName, ConnectionDetail, ConnectionRow, DiagnosticView, Endpoint, Explanation, PacketDetails,
  SegmentRow, StateChangeRow,
} from './model/viewTypes';
export { connectionDetail, connectionRow, connectionSegments, endpointAddress, epochText, segmentRow, zeekView, type ZeekView } from './model/views';
export { FrameIndex } from './model/frameIndex';
export { extractPacket, recordLength, RECORD_HEAD_BYTES, type ExtractedPacket } from './capture/extract';
export { CaptureSession, type Lang, type SessionOptions, type SessionReply, type SessionRequest } from './session/captureSession';
export { captureSummary } from './session/summary';
export { packetDetails } from './session/packetDetails';
export { mermaidSequence, MERMAID_MAX_SEGMENTS } from './export/mermaid';
export { ZeekConnection, ZEEK_DEFAULT_LIKELY_SERVER_PORTS, type ZeekSegmentFacts, type ZeekSummary, type ZeekConnectionOptions } from './tcp/zeek';
export { tcpChecksumOk } from './decode/tcpChecksum';
export { explainSegment, explainHandshake, explainTeardown, renderNarrative, renderExplanation, type ExplainFormat, type Narrative, type NarrativeStep, type NarrativeSection, type NarrativeOptions, type HandshakeCase, type TeardownCase } from './explain';
export { concatBytes, hexBytes } from './capture/bytes';
