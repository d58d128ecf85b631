import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { scanArtifact, type Finding, type ScanReport } from '../../src/artifacts/index.js'
import { chunked, fixture, fixturePath } from './helpers/fixtures.js'

async function scan(name: string): Promise<ScanReport> {
  return scanArtifact({ path: fixturePath(name) }, { filename: name })
}

function summary(findings: Finding[]): string[] {
  return findings.map((f) => `${f.severity} ${f.scanner} ${f.file}${f.global ? ` ${f.global}` : ''}`)
}

describe('benign artifacts produce clean reports', () => {
  it.each([0, 1, 2, 3, 4, 5])('plain pickle, protocol %i', async (protocol) => {
    const report = await scan(`benign_p${protocol}.pkl`)
    expect(report.findings).toEqual([])
    expect(report.format).toBe('pickle')
    expect(report.globals).toContain('collections.OrderedDict')
  })

  it('reports size and sha256 of the bytes scanned', async () => {
    const bytes = fixture('benign_p2.pkl')
    const report = await scan('benign_p2.pkl')
    expect(report.bytes).toBe(bytes.length)
    expect(report.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
  })

  it('torch zip state dict: tensors rebuilt through allowed reconstructors only', async () => {
    const report = await scan('torch_state_dict.pt')
    expect(report.format).toBe('pytorch-zip')
    expect(report.findings).toEqual([])
    expect(report.globals).toEqual(['collections.OrderedDict', 'torch._utils._rebuild_tensor_v2', 'torch.FloatStorage'])
  })

  it('legacy torch file: all five pickles scanned, storage bytes skipped', async () => {
    const report = await scan('torch_legacy.pt')
    expect(report.format).toBe('pytorch-legacy')
    expect(report.findings).toEqual([])
    expect(report.globals).toContain('torch._utils._rebuild_tensor_v2')
  })

  it('joblib file: inline array bytes are stepped over, not parsed as opcodes', async () => {
    const report = await scan('joblib_inline_array.joblib')
    expect(report.format).toBe('joblib')
    expect(report.findings).toEqual([])
    expect(report.globals).toEqual(['joblib.numpy_pickle.NumpyArrayWrapper', 'numpy.ndarray', 'numpy.dtype'])
  })

  it.each(['array_f4.npy', 'arrays.npz', 'good.safetensors'])('%s', async (name) => {
    const report = await scan(name)
    expect(report.findings).toEqual([])
  })

  it('names formats by content', async () => {
    expect((await scan('arrays.npz')).format).toBe('npz')
    expect((await scan('array_f4.npy')).format).toBe('numpy')
    expect((await scan('good.safetensors')).format).toBe('safetensors')
    expect((await scan('lambda.keras')).format).toBe('keras')
  })
})

describe('malicious pickles', () => {
  it.each([
    ['evil_os_system_p0.pkl', 'os.system'],
    ['evil_os_system_p2.pkl', 'os.system'],
    ['evil_eval_stack_global_p4.pkl', 'builtins.eval'],
  ])('%s imports %s: critical', async (name, global) => {
    const report = await scan(name)
    expect(summary(report.findings)).toEqual([`critical pickle ${name} ${global}`])
    expect(report.globals).toEqual([global])
  })

  it('os.system inside a torch archive is reported against the member', async () => {
    const report = await scan('torch_evil.pt')
    expect(report.format).toBe('pytorch-zip')
    expect(summary(report.findings)).toEqual(['critical pickle torch_evil.pt!evil_model/data.pkl posix.system'])
  })

  it('a pickle inside a zip inside a zip', async () => {
    const report = await scan('nested_evil.zip')
    expect(summary(report.findings)).toEqual(['critical pickle nested_evil.zip!inner.zip!payload/evil.pkl os.system'])
  })

  it('nesting past maxDepth is a finding, not a pass', async () => {
    const report = await scanArtifact({ path: fixturePath('nested_evil.zip') }, { filename: 'n.zip', maxDepth: 0 })
    expect(summary(report.findings)).toEqual(['high format n.zip!inner.zip'])
    expect(report.findings[0]?.reason).toMatch(/nested deeper/)
  })

  it('a zlib-compressed (joblib compress=3) pickle is decompressed and scanned', async () => {
    const report = await scan('evil_zlib.joblib')
    expect(report.format).toBe('zlib+pickle')
    expect(summary(report.findings)).toEqual(['critical pickle evil_zlib.joblib os.system'])
  })
})

describe('archive hazards', () => {
  it('path traversal, absolute and backslash member names', async () => {
    const report = await scan('path_traversal.zip')
    const reasons = report.findings.map((f) => `${f.severity} ${f.field}: ${f.reason}`)
    expect(reasons).toEqual([
      'high ../../etc/cron.d/evil: path traversal ("..") in member name',
      'high /tmp/abs.pkl: absolute member path',
      'high dir\\..\\win.txt: backslash in member name (a path separator on Windows)',
      'high dir\\..\\win.txt: path traversal ("..") in member name',
    ])
  })

  it('zip bomb: a declared ratio far past the limit stops the scan', async () => {
    const report = await scan('zip_bomb.zip')
    expect(summary(report.findings)).toEqual(['high zip zip_bomb.zip'])
    expect(report.findings[0]?.reason).toMatch(/compression ratio over 200:1/)
  })
})

describe('numpy and keras', () => {
  it('object dtype .npy: high for the dtype, and the pickle after it is scanned', async () => {
    const report = await scan('object_dtype.npy')
    expect(summary(report.findings)).toEqual(['high numpy object_dtype.npy'])
    expect(report.findings[0]?.field).toBe('descr')
  })

  it('Lambda layer in a Keras archive is high: the layer, the function it names, its bytecode', async () => {
    const report = await scan('lambda.keras')
    expect(report.findings.map((f) => `${f.severity} ${f.scanner} ${f.file} ${f.field}`)).toEqual([
      'high keras lambda.keras!config.json $.config.layers[1]',
      'high keras lambda.keras!config.json $.config.layers[1].config.function',
      'high keras lambda.keras!config.json $.config.layers[1].config.function',
    ])
  })
})

describe('safetensors corruption', () => {
  it.each([
    ['bad_overlap.safetensors', 'high', /overlaps the previous tensor/],
    ['bad_hole.safetensors', 'high', /hole in the data section/],
    ['bad_dtype.safetensors', 'high', /unknown dtype "F31"/],
    ['bad_size_mismatch.safetensors', 'high', /holds 8 bytes but F32 \[3\] needs 12/],
    ['bad_header_overflow.safetensors', 'critical', /header length 1099511627776 exceeds/],
    ['bad_file_size.safetensors', 'high', /file size does not match the header/],
    ['bad_metadata.safetensors', 'high', /__metadata__ must map strings to strings/],
  ])('%s', async (name, severity, reason) => {
    const report = await scan(name)
    expect(report.format).toBe('safetensors')
    expect(report.findings).toHaveLength(1)
    expect(report.findings[0]).toMatchObject({ scanner: 'safetensors', severity })
    expect(report.findings[0]?.reason).toMatch(reason)
  })
})

describe('the same report whatever the chunking', () => {
  const names = [
    'benign_p0.pkl', 'benign_p4.pkl', 'evil_eval_stack_global_p4.pkl', 'torch_state_dict.pt', 'torch_evil.pt', 'torch_legacy.pt',
    'joblib_inline_array.joblib', 'nested_evil.zip', 'path_traversal.zip', 'object_dtype.npy', 'arrays.npz', 'lambda.keras',
    'good.safetensors', 'bad_overlap.safetensors', 'evil_zlib.joblib',
  ]
  it.each(names)('%s in 1, 3 and 7 byte chunks', async (name) => {
    const whole = await scan(name)
    for (const size of [1, 3, 7]) {
      const report = await scanArtifact(chunked(fixture(name), size), { filename: name })
      expect(report).toEqual(whole)
    }
  })
})
