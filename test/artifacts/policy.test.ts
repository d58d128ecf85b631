import { describe, expect, it } from 'vitest'
import { ALLOWED_GLOBALS, admitByFrameworks, judgeGlobal } from '../../src/artifacts/index.js'

function verdict(module: string, name: string, protocol = 4): string {
  const v = judgeGlobal(module, name, protocol)
  return v.verdict === 'allowed' ? 'allowed' : `${v.verdict}:${v.severity}`
}

describe('import policy: default deny', () => {
  it.each([
    ['builtins', 'eval'], ['builtins', 'exec'], ['builtins', 'compile'], ['builtins', 'getattr'], ['builtins', 'setattr'],
    ['builtins', 'open'], ['builtins', '__import__'], ['builtins', 'breakpoint'], ['builtins', 'map'], ['builtins', 'type'],
    ['os', 'system'], ['os.path', 'join'], ['posix', 'system'], ['nt', 'system'], ['subprocess', 'Popen'], ['sys', 'modules'],
    ['socket', 'socket'], ['pty', 'spawn'], ['runpy', '_run_code'], ['shutil', 'rmtree'], ['pickle', 'loads'], ['_pickle', 'loads'],
    ['asyncio.subprocess', 'create_subprocess_shell'], ['pdb', 'set_trace'], ['bdb', 'Bdb'], ['ctypes', 'CDLL'], ['importlib', 'import_module'],
    ['marshal', 'loads'], ['code', 'InteractiveInterpreter'], ['platform', 'popen'], ['operator', 'attrgetter'], ['operator', 'methodcaller'],
    ['operator', 'call'], ['_operator', 'attrgetter'], ['functools', 'reduce'], ['functools', 'partial'], ['logging.config', '_resolve'],
    ['numpy.testing._private.utils', 'runstring'], ['torch', 'load'], ['torch.hub', 'load'], ['torch.serialization', 'load'], ['dill', 'loads'],
    ['timeit', 'timeit'], ['imp', 'load_source'], ['pip', 'main'], ['ensurepip', '_run_pip'], ['types', 'CodeType'], ['pkgutil', 'resolve_name'],
    ['_xxsubinterpreters', 'run_string'], ['_interpreters', 'run_string'], ['site', 'addsitedir'], ['numpy', 'memmap'], ['pandas', 'read_csv'],
    ['mlflow.projects', 'run'], ['mailcap', 'findmatch'], ['idlelib.pyshell', 'ModifiedInterpreter'], ['torch.utils.collect_env', 'run'],
    ['numpy', '__builtins__'], ['torch.jit.unsupported_tensor_ops', 'execWrapper'], ['cProfile', 'runctx'], ['uuid', '_get_command_stdout'],
  ])('%s.%s is denied, critical', (module, name) => {
    expect(verdict(module, name)).toBe('denied:critical')
  })

  it.each([
    ['webbrowser', 'open'], ['requests', 'get'], ['urllib.request', 'urlopen'], ['http.client', 'HTTPConnection'], ['tempfile', 'mkstemp'],
    ['threading', 'Thread'], ['zipfile', 'ZipFile'],
  ])('%s.%s is denied, high', (module, name) => {
    expect(verdict(module, name)).toBe('denied:high')
  })

  it.each([
    ['mypkg', 'Model'], ['collections', 'defaultdict'], ['numpy', 'frombuffer'], ['sklearn.linear_model._logistic', 'LogisticRegression'],
    ['torch.nn.modules.linear', 'Linear'], ['builtins', 'set.__init__'.replace('.__init__', '.union')], ['torch._utils', '_rebuild_tensor_v2.x'],
  ])('%s.%s is on no list: not allowed, high', (module, name) => {
    expect(verdict(module, name)).toBe('not-allowed:high')
  })

  it.each([
    ['torch._utils', '_rebuild_tensor_v2'], ['torch._utils', '_rebuild_parameter'], ['torch._utils', '_rebuild_qtensor'], ['torch._utils', '_rebuild_wrapper_subclass'],
    ['torch', 'FloatStorage'], ['torch', 'BFloat16Storage'], ['torch', 'Size'], ['torch', 'float16'], ['torch', 'per_tensor_affine'],
    ['torch._tensor', '_rebuild_from_type_v2'], ['torch.nn.parameter', 'Parameter'], ['torch.serialization', '_get_layout'], ['collections', 'OrderedDict'],
    ['numpy.core.multiarray', '_reconstruct'], ['numpy._core.multiarray', '_reconstruct'], ['numpy.core.multiarray', 'scalar'],
    ['numpy', 'ndarray'], ['numpy', 'dtype'], ['_codecs', 'encode'], ['builtins', 'set'], ['builtins', 'bytearray'], ['builtins', 'complex'],
    ['copyreg', '_reconstructor'],
  ])('%s.%s is allowed', (module, name) => {
    expect(verdict(module, name)).toBe('allowed')
  })

  it('records the allow-list version and why, for every verdict', () => {
    expect(judgeGlobal('collections', 'OrderedDict', 4)).toMatchObject({ verdict: 'allowed', allowList: 'modelgate-pickle-allow/1', reason: expect.stringMatching(/weights_only/) })
    expect(judgeGlobal('mypkg', 'M', 4)).toMatchObject({ verdict: 'not-allowed', allowList: 'modelgate-pickle-allow/1', reason: expect.stringMatching(/not on the allow-list/) })
  })
})

describe('names resolved as the unpickler resolves them', () => {
  it('dotted paths are judged by every module they pass through', () => {
    expect(verdict('zipfile', 'os.system')).toBe('denied:critical')
    expect(verdict('torch', 'os.system')).toBe('denied:critical')
    expect(verdict('collections', 'OrderedDict.__class__')).toBe('denied:critical')
    expect(verdict('numpy', 'core._internal.sys.modules')).toBe('denied:critical')
    expect(verdict('torch', 'serialization.load')).toBe('denied:critical')
    expect(verdict('builtins', 'dict.get')).toBe('not-allowed:high')
  })

  it('an allowance never extends through an attribute', () => {
    expect(verdict('torch', 'Size.mro')).toBe('not-allowed:high')
    expect(judgeGlobal('collections', 'OrderedDict.fromkeys', 4).frameworks).toBeUndefined()
  })

  it('applies Python 2 renames below protocol 3, the real _compat_pickle mapping', () => {
    expect(verdict('__builtin__', 'eval', 2)).toBe('denied:critical')
    expect(verdict('__builtin__', 'set', 2)).toBe('allowed')
    expect(verdict('copy_reg', '_reconstructor', 0)).toBe('allowed')
    expect(judgeGlobal('commands', 'getoutput', 0)).toMatchObject({ resolved: 'subprocess.getoutput', verdict: 'denied', severity: 'critical' })
    expect(judgeGlobal('__builtin__', 'reduce', 2)).toMatchObject({ resolved: 'functools.reduce', verdict: 'denied' })
    expect(judgeGlobal('itertools', 'imap', 1)).toMatchObject({ resolved: 'builtins.map', verdict: 'denied' })
    expect(judgeGlobal('cPickle', 'loads', 2)).toMatchObject({ resolved: 'pickle.loads', verdict: 'denied' })
    expect(judgeGlobal('urllib2', 'urlopen', 2)).toMatchObject({ resolved: 'urllib.request.urlopen', verdict: 'denied', severity: 'high' })
    expect(judgeGlobal('exceptions', 'ValueError', 2)).toMatchObject({ resolved: 'builtins.ValueError' })
  })

  it('does not rename at protocol 3 and above: the name as written is what is imported', () => {
    expect(judgeGlobal('__builtin__', 'set', 4)).toMatchObject({ resolved: '__builtin__.set', verdict: 'not-allowed' })
    // Denied either way: the deny list is checked against both spellings.
    expect(verdict('commands', 'getoutput', 4)).toBe('denied:critical')
  })

  it('refuses module names no import statement could spell', () => {
    expect(verdict('os ', 'system')).toBe('denied:critical')
    expect(verdict('', 'eval')).toBe('denied:critical')
  })
})

describe('framework allow-lists', () => {
  it('marks sklearn classes as admissible by the sklearn list, without allowing them', () => {
    expect(judgeGlobal('sklearn.linear_model._logistic', 'LogisticRegression', 4)).toMatchObject({ verdict: 'not-allowed', severity: 'high', frameworks: ['sklearn/1'] })
    expect(judgeGlobal('xgboost.sklearn', 'XGBClassifier', 4).frameworks).toEqual(['xgboost/1'])
  })

  it('the deny list wins over a framework list', () => {
    for (const [module, name] of [
      ['sklearn.datasets', 'fetch_openml'], ['sklearn.externals.joblib', 'load'], ['sklearn', 'os.system'], ['sklearn.utils', 'os.system'],
      ['sklearn.utils._joblib', 'load'], ['sklearn.utils.parallel', 'Parallel'], ['sklearn.datasets._openml', 'OpenMLError'],
    ]) {
      expect(judgeGlobal(module as string, name as string, 4).frameworks).toBeUndefined()
    }
    expect(verdict('sklearn', 'os.system')).toBe('denied:critical')
    expect(verdict('sklearn.utils._joblib', 'load')).toBe('denied:critical')
  })

  it('admits classes, not functions a module re-exports under its own name', () => {
    expect(judgeGlobal('sklearn.utils.validation', 'check_array', 4).frameworks).toBeUndefined()
    expect(judgeGlobal('sklearn.tree._tree', 'Tree', 4).frameworks).toEqual(['sklearn/1'])
  })

  it('admits a finding only for an enabled list, and only findings the scan marked admissible', () => {
    const findings = [
      { reason: 'import', frameworks: ['sklearn/1'] },
      { reason: 'import', frameworks: ['xgboost/1'] },
      { reason: 'computed call' },
    ]
    const { kept, admitted } = admitByFrameworks(findings, ['sklearn'])
    expect(admitted).toEqual([{ finding: findings[0], by: 'sklearn/1' }])
    expect(kept).toEqual([findings[1], findings[2]])
    expect(admitByFrameworks([{ reason: 'old list', frameworks: ['sklearn/0'] }], ['sklearn']).admitted).toEqual([])
  })

  it('no allow-list entry is on the deny list', () => {
    for (const qualified of ALLOWED_GLOBALS.keys()) {
      const dot = qualified.lastIndexOf('.')
      expect(verdict(qualified.slice(0, dot), qualified.slice(dot + 1)), qualified).toBe('allowed')
    }
  })
})
