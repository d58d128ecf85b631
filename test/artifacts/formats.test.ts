import { describe, expect, it } from 'vitest'
import { checkKerasConfig, checkSafetensorsHeader, createArtifactScanner } from '../../src/artifacts/index.js'
import { parseTypestr } from '../../src/artifacts/numpy/dtype.js'
import { parseDescr } from '../../src/artifacts/numpy/descr.js'
import { parsePyLiteral } from '../../src/artifacts/numpy/literal.js'
import { sniff } from '../../src/artifacts/sniff.js'
import { fixture } from './helpers/fixtures.js'

function scan(bytes: Uint8Array): ReturnType<ReturnType<typeof createArtifactScanner>['end']> {
  const scanner = createArtifactScanner({ filename: 'x' })
  scanner.write(bytes)
  return scanner.end()
}

describe('format detection looks at bytes, never at names', () => {
  it('a pickle named .safetensors is scanned as a pickle', () => {
    const scanner = createArtifactScanner({ filename: 'model.safetensors' })
    scanner.write(fixture('evil_os_system_p2.pkl'))
    const report = scanner.end()
    expect(report.format).toBe('pickle')
    expect(report.findings[0]?.global).toBe('os.system')
  })

  it('sniffs each magic', () => {
    expect(sniff(fixture('torch_state_dict.pt'))).toBe('zip')
    expect(sniff(fixture('torch_legacy.pt'))).toBe('pytorch-legacy')
    expect(sniff(fixture('array_f4.npy'))).toBe('numpy')
    expect(sniff(fixture('good.safetensors'))).toBe('safetensors')
    expect(sniff(fixture('evil_zlib.joblib'))).toBe('zlib')
    expect(sniff(fixture('benign_p4.pkl'))).toBe('pickle')
    expect(sniff(fixture('benign_p0.pkl'))).toBe('unknown')
    expect(sniff(new Uint8Array([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('hdf5')
  })

  it('unsupported formats are findings, not passes', () => {
    const hdf5 = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]
    expect(scan(new Uint8Array(hdf5)).findings).toEqual([])
    const keras = new Uint8Array([...hdf5, ...new TextEncoder().encode('....model_config....')])
    expect(scan(keras).findings[0]).toMatchObject({ severity: 'high', reason: expect.stringMatching(/Keras model saved as HDF5: its model config .* is not scanned/) })
    expect(scan(new Uint8Array([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1])).findings[0]?.reason).toMatch(/xz-compressed/)
    expect(scan(new Uint8Array(0)).findings[0]?.severity).toBe('critical')
  })
})

describe('numpy headers', () => {
  it('parses type strings and structured descriptions', () => {
    expect(parseTypestr('<f8')).toEqual({ itemsize: 8, hasObject: false })
    expect(parseTypestr('|O')).toEqual({ itemsize: 8, hasObject: true })
    expect(parseTypestr('<U5')).toEqual({ itemsize: 20, hasObject: false })
    expect(parseTypestr('<M8[ns]')).toEqual({ itemsize: 8, hasObject: false })
    expect(parseTypestr('<q')).toBeNull()
    const structured = parsePyLiteral("[('a', '<i4'), ('b', '|O'), ('c', '<f4', (2, 2))]")
    expect(parseDescr(structured)).toEqual({ itemsize: 4 + 8 + 16, hasObject: true })
  })

  it('a structured dtype with an object field is treated as a pickle', () => {
    const header = "{'descr': [('a', '<i4'), ('b', '|O')], 'fortran_order': False, 'shape': (1,), }"
    const padded = header + ' '.repeat(63 - ((10 + header.length) % 64)) + '\n'
    const bytes = new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, padded.length & 0xff, padded.length >> 8, ...Buffer.from(padded, 'latin1'), ...fixture('evil_os_system_p2.pkl')])
    const report = scan(bytes)
    expect(report.findings.map((f) => `${f.severity} ${f.scanner}`)).toEqual(['critical pickle', 'high numpy'])
  })

  it('headers with extra keys or truncated data', () => {
    const header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'evil': 1}\n"
    const bytes = new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length, 0, ...Buffer.from(header), 0, 0, 0, 0])
    expect(scan(bytes).findings[0]?.reason).toMatch(/header keys are descr,evil,fortran_order,shape/)
    const npy = fixture('array_f4.npy')
    expect(scan(npy.subarray(0, npy.length - 4)).findings[0]?.reason).toMatch(/array data is 12 bytes but the header describes 16/)
  })
})

describe('safetensors header rules', () => {
  it('accepts sub-byte dtypes only when they pack into whole bytes', () => {
    expect(checkSafetensorsHeader({ a: { dtype: 'F4', shape: [4], data_offsets: [0, 2] } }).problems).toEqual([])
    expect(checkSafetensorsHeader({ a: { dtype: 'F4', shape: [3], data_offsets: [0, 2] } }).problems[0]?.reason).toMatch(/needs 12 bits/)
  })

  it('huge shapes do not overflow into a match', () => {
    const shape = [2 ** 40, 2 ** 40]
    expect(checkSafetensorsHeader({ a: { dtype: 'F32', shape, data_offsets: [0, 0] } }).problems[0]?.reason).toMatch(/needs/)
  })

  it('rejects non-integer and reversed offsets', () => {
    expect(checkSafetensorsHeader({ a: { dtype: 'F32', shape: [1], data_offsets: [8, 4] } }).problems[0]?.reason).toMatch(/data_offsets/)
    expect(checkSafetensorsHeader({ a: { dtype: 'F32', shape: [1], data_offsets: [0, 4.5] } }).problems[0]?.reason).toMatch(/data_offsets/)
    expect(checkSafetensorsHeader([]).problems[0]?.severity).toBe('critical')
  })
})

describe('Keras configs', () => {
  it('flags modules outside Keras and functions by import path', () => {
    const problems = checkKerasConfig({
      class_name: 'Functional',
      config: {
        layers: [
          { module: 'keras.layers', class_name: 'Dense', config: { activation: { module: 'keras.activations', class_name: 'function', config: 'relu' } } },
          { module: 'os', class_name: 'system', config: {} },
          { class_name: 'Lambda', config: { function: 'evil_module.run', function_type: 'raw' } },
        ],
      },
    })
    expect(problems.map((p) => `${p.severity} ${p.field}`)).toEqual([
      'high $.config.layers[2]',
      'high $.config.layers[2].config.function',
      'high $.config.layers[1].module',
    ])
  })

  it.each([
    ['a Keras utility instead of a layer', { module: 'keras.utils', class_name: 'get_file', config: {} }, /a Keras utility rather than a layer/],
    ['a URL anywhere', { module: 'keras.layers', class_name: 'Dense', config: { name: 'https://example.com/x.h5' } }, /names a URL/],
    ['safe_mode turned off', { module: 'keras.layers', class_name: 'Dense', config: { safe_mode: false } }, /turns safe_mode off/],
    ['a marshalled lambda', { module: 'keras.layers', class_name: 'Dense', config: { activation: { class_name: '__lambda__', config: { code: 'YQ==' } } } }, /marshalled Python bytecode/],
    ['a custom registered object', { module: 'keras.layers', class_name: 'Dense', registered_name: 'evilpkg>Layer', config: {} }, /custom object evilpkg>Layer/],
    ['a layer that loads another model', { module: 'keras.layers', class_name: 'TFSMLayer', config: { filepath: '/tmp/m' } }, /TFSMLayer layer/],
  ])('%s is high', (_, config, reason) => {
    const problems = checkKerasConfig(config)
    expect(problems.some((p) => p.severity === 'high' && reason.test(p.reason))).toBe(true)
  })

  it('a plain Dense layer config has no problems', () => {
    expect(checkKerasConfig({ module: 'keras.layers', class_name: 'Dense', config: { units: 2, activation: 'relu', kernel_initializer: { module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null } } } })).toEqual([])
  })
})

describe('a Keras model config uploaded on its own', () => {
  it('is read as JSON and checked like config.json in a .keras archive', () => {
    const config = new TextEncoder().encode(JSON.stringify({ module: 'keras', class_name: 'Sequential', config: { layers: [{ module: 'keras.layers', class_name: 'Lambda', config: { function: 'x' } }] } }))
    const report = scan(config)
    expect(report.format).toBe('json')
    expect(report.findings.map((f) => `${f.severity} ${f.scanner}`)).toContain('high keras')
    const plain = scan(new TextEncoder().encode('  {"module": "keras.layers", "class_name": "Dense", "config": {"units": 2}}'))
    expect(plain).toMatchObject({ format: 'json', findings: [] })
  })
})
