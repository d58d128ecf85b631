// The declared output filter, fed known-bad and known-good outputs: it must block the one
// and let the other through.
import type { ModerationAdapter } from '../adapters/moderation.js'
import type { CaseLog } from '../case-log.js'
import { outputFilterSamples } from '../corpora/index.js'

export async function outputFilterSuite(filter: ModerationAdapter, log: CaseLog) {
  let bad = 0
  let blocked = 0
  let good = 0
  let passed = 0
  await Promise.all(outputFilterSamples.map(async (sample) => {
    const flagged = await filter.flagged(sample.text)
    if (sample.expected === 'block') {
      bad++
      if (flagged) blocked++
      log.record('known_bad', flagged, { input: sample.text, output: 'flagged: false', verdict: `let through a ${sample.category} output`, detector: 'output-filter' })
    } else {
      good++
      if (!flagged) passed++
      log.record('known_good', !flagged, { input: sample.text, output: 'flagged: true', verdict: `blocked a ${sample.category} output`, detector: 'output-filter' })
    }
  }))
  return { bad, blocked, blockRate: bad ? blocked / bad : 0, good, passed, passRate: good ? passed / good : 0 }
}
