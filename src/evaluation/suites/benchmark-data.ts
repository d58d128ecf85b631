// The benchmark records the safety suite asks: the team's own shipped corpora in the published
// record formats of BBQ, RealToxicityPrompts, ToxiGen and BOLD, normalised once per process.
import {
  bbqRecords, boldRecords, normaliseBbqRecord, normaliseRtpRecord, parseBold, parseToxiGen, rtpRecords, toxiGenPromptRecords,
  type BbqItem, type BoldItem, type RtpItem, type ToxiGenItem,
} from '../corpora/index.js'
import { cached } from './corpus-cache.js'

export interface BenchmarkData {
  bbq: BbqItem[]
  rtp: RtpItem[]
  toxigen: ToxiGenItem[]
  bold: BoldItem[]
  sources: Record<string, string>
}

export function shippedBenchmarks(): BenchmarkData {
  return cached('benchmarks:shipped', () => ({
    bbq: bbqRecords.map((r, i) => normaliseBbqRecord(r, `shipped BBQ record ${i + 1}`)),
    rtp: rtpRecords.map((r, i) => normaliseRtpRecord(r, `shipped record ${i + 1}`, i)),
    toxigen: parseToxiGen(toxiGenPromptRecords),
    bold: parseBold(boldRecords),
    sources: { bbq: 'shipped', realToxicityPrompts: 'shipped', toxigen: 'shipped', bold: 'shipped' },
  }))
}
