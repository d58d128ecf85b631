import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { admitByFrameworks, ALLOW_LIST_VERSION, scanArtifact, type ScanReport } from '../../src/artifacts/index.js'
import { fixturePath } from './helpers/fixtures.js'

/**
 * The malicious corpus (test/fixtures/artifacts/make_malicious.py): one file per published
 * technique, each with the advisory, issue or research it comes from. The benign corpus
 * (make_benign.py): files written by torch, numpy, joblib, scikit-learn and h5py themselves, plus
 * safetensors and .keras written to their published formats.
 */
interface CorpusCase {
  file: string
  technique: string
  source: string
}

const corpus = JSON.parse(readFileSync(fixturePath('malicious/corpus.json'), 'utf8')) as CorpusCase[]

async function scan(path: string): Promise<ScanReport> {
  return scanArtifact({ path: fixturePath(path) }, { filename: path.slice(path.lastIndexOf('/') + 1) })
}

function blocking(report: ScanReport): ScanReport['findings'] {
  return report.findings.filter((f) => f.severity === 'critical' || f.severity === 'high')
}

describe(`malicious corpus: ${corpus.length} techniques, every one refused high or critical`, () => {
  it('holds at least 60 distinct techniques, each with its source', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60)
    expect(new Set(corpus.map((c) => c.technique)).size).toBe(corpus.length)
    for (const c of corpus) expect(c.source.length).toBeGreaterThan(5)
  })

  it.each(corpus.map((c) => [c.file, c.technique, c.source] as const))('%s — %s (source: %s)', async (file) => {
    const report = await scan(`malicious/${file}`)
    expect(blocking(report).length, JSON.stringify(report.findings, null, 1)).toBeGreaterThan(0)
  })

  it('refused 100%', async () => {
    let refused = 0
    for (const c of corpus) if (blocking(await scan(`malicious/${c.file}`)).length > 0) refused += 1
    expect({ n: corpus.length, refused }).toEqual({ n: corpus.length, refused: corpus.length })
  })
})

const BENIGN: [file: string, format: string][] = [
  ['torch_state_dict.pt', 'pytorch-zip'], ['torch_state_dict_p4.pt', 'pytorch-zip'], ['torch_tensor.pt', 'pytorch-zip'],
  ['torch_checkpoint.pt', 'pytorch-zip'], ['torch_parameter.pt', 'pytorch-zip'], ['torch_qtensor.pt', 'pytorch-zip'], ['torch_view.pt', 'pytorch-zip'],
  ['torch_state_dict_legacy.pt', 'pytorch-legacy'], ['torch_dict_legacy.pt', 'pytorch-legacy'],
  ['numpy_f8.npy', 'numpy'], ['numpy_i4_fortran.npy', 'numpy'], ['numpy_structured.npy', 'numpy'], ['numpy_v2_header.npy', 'numpy'],
  ['numpy_savez.npz', 'npz'], ['numpy_savez_compressed.npz', 'npz'], ['numpy_array_p2.pkl', 'pickle'], ['numpy_array_p5.pkl', 'pickle'],
  ['joblib_arrays.joblib', 'joblib'], ['joblib_compressed.joblib', 'zlib+joblib'], ['h5py_weights.h5', 'hdf5'],
  ['model.safetensors', 'safetensors'], ['mixed.safetensors', 'safetensors'], ['dense.keras', 'keras'],
]
const SKLEARN = ['sklearn_logreg.joblib', 'sklearn_tree.joblib', 'sklearn_pipeline.pkl']

describe(`benign corpus: ${BENIGN.length + SKLEARN.length} files written by real tools, every one accepted`, () => {
  it.each(BENIGN)('%s (%s) has no findings', async (file, format) => {
    const report = await scan(`benign/${file}`)
    expect(report.findings).toEqual([])
    expect(report.format).toBe(format)
    expect(report.allowList).toBe(ALLOW_LIST_VERSION)
    for (const judgement of report.imports) expect(judgement).toMatchObject({ verdict: 'allowed', reason: expect.any(String) })
  })

  it.each(SKLEARN)('%s is accepted through the sklearn framework list, and refused without it', async (file) => {
    const report = await scan(`benign/${file}`)
    expect(blocking(report).length).toBeGreaterThan(0)
    const { kept, admitted } = admitByFrameworks(report.findings, ['sklearn'])
    expect(kept).toEqual([])
    expect(admitted.every((a) => a.by === 'sklearn/1' && a.finding.global?.startsWith('sklearn.'))).toBe(true)
    expect(admitByFrameworks(report.findings, ['xgboost']).kept.length).toBeGreaterThan(0)
  })

  it('accepted 100%', async () => {
    let accepted = 0
    for (const [file] of BENIGN) if ((await scan(`benign/${file}`)).findings.length === 0) accepted += 1
    for (const file of SKLEARN) if (admitByFrameworks((await scan(`benign/${file}`)).findings, ['sklearn']).kept.length === 0) accepted += 1
    const n = BENIGN.length + SKLEARN.length
    expect(n).toBeGreaterThanOrEqual(20)
    expect({ n, accepted }).toEqual({ n, accepted: n })
  })

  it('the report lists every import with its judgement, including the ones a framework list may admit', async () => {
    const report = await scan('benign/sklearn_tree.joblib')
    expect(report.imports.map((j) => `${j.global} ${j.verdict}${j.frameworks ? ` ${j.frameworks.join(',')}` : ''}`)).toEqual(expect.arrayContaining([
      'sklearn.tree._classes.DecisionTreeClassifier not-allowed sklearn/1',
      'joblib.numpy_pickle.NumpyArrayWrapper allowed',
    ]))
  })
})
