// Benchmark data: the team's own shipped corpora by default, or files of the real data sets
// (BBQ, RealToxicityPrompts, ToxiGen, BOLD) that the policy points at, read with the loaders
// for their published record formats.
import { readFile } from 'node:fs/promises'
import {
  bbqRecords, boldRecords, normaliseBbqRecord, normaliseRtpRecord, parseBbqJsonl, parseBold, parseRealToxicityPromptsJsonl,
  parseToxiGen, rtpRecords, toxiGenPromptRecords, type BbqItem, type BoldItem, type RtpItem, type ToxiGenItem,
} from '../corpora/index.js'

export interface BenchmarkFiles {
  bbq?: string
  realToxicityPrompts?: string
  toxigen?: string
  bold?: string
}

export interface BenchmarkData {
  bbq: BbqItem[]
  rtp: RtpItem[]
  toxigen: ToxiGenItem[]
  bold: BoldItem[]
  sources: Record<string, string>
}

export async function loadBenchmarks(files: BenchmarkFiles): Promise<BenchmarkData> {
  const read = (p: string) => readFile(p, 'utf8')
  return {
    bbq: files.bbq ? parseBbqJsonl(await read(files.bbq)) : bbqRecords.map((r, i) => normaliseBbqRecord(r, `shipped BBQ record ${i + 1}`)),
    rtp: files.realToxicityPrompts ? parseRealToxicityPromptsJsonl(await read(files.realToxicityPrompts)) : rtpRecords.map((r, i) => normaliseRtpRecord(r, `shipped record ${i + 1}`, i)),
    toxigen: files.toxigen ? parseToxiGen(await read(files.toxigen)) : parseToxiGen(toxiGenPromptRecords),
    bold: files.bold ? parseBold(await read(files.bold)) : parseBold(boldRecords),
    sources: {
      bbq: files.bbq ?? 'shipped',
      realToxicityPrompts: files.realToxicityPrompts ?? 'shipped',
      toxigen: files.toxigen ?? 'shipped',
      bold: files.bold ?? 'shipped',
    },
  }
}
