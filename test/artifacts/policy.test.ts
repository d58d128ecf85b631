import { describe, expect, it } from 'vitest'
import { classifyGlobal } from '../../src/artifacts/index.js'

function verdict(module: string, name: string): string {
  const v = classifyGlobal(module, name)
  return v.kind === 'denied' ? `denied:${v.severity}` : v.kind
}

describe('import policy', () => {
  it.each([
    ['builtins', 'eval'], ['builtins', 'exec'], ['__builtin__', 'execfile'], ['builtins', 'compile'], ['builtins', 'getattr'],
    ['builtins', 'setattr'], ['builtins', 'delattr'], ['builtins', 'open'], ['builtins', '__import__'], ['builtins', 'breakpoint'],
    ['builtins', 'input'], ['builtins', 'globals'], ['builtins', 'locals'], ['builtins', 'vars'], ['__builtin__', 'apply'],
    ['builtins', 'map'], ['builtins', 'type'], ['exceptions', 'eval'],
    ['os', 'system'], ['os.path', 'join'], ['posix', 'system'], ['nt', 'system'], ['subprocess', 'Popen'], ['sys', 'modules'],
    ['socket', 'socket'], ['pty', 'spawn'], ['runpy', '_run_code'], ['shutil', 'rmtree'], ['pickle', 'loads'], ['_pickle', 'loads'],
    ['cPickle', 'loads'], ['asyncio.subprocess', 'create_subprocess_shell'], ['pdb', 'set_trace'], ['bdb', 'Bdb'],
    ['ctypes', 'CDLL'], ['importlib', 'import_module'], ['marshal', 'loads'], ['code', 'InteractiveInterpreter'], ['codeop', 'compile_command'],
    ['commands', 'getoutput'], ['platform', 'popen'], ['multiprocessing.util', 'spawnv_passfds'], ['operator', 'attrgetter'],
    ['operator', 'methodcaller'], ['_operator', 'attrgetter'], ['numpy.testing._private.utils', 'runstring'], ['torch', 'load'],
    ['torch.hub', 'load'], ['torch.serialization', 'load'], ['dill', 'loads'], ['timeit', 'timeit'], ['trace', 'Trace'], ['imp', 'load_source'],
    ['zipimport', 'zipimporter'], ['distutils.file_util', 'write_file'], ['setuptools', 'setup'], ['pip', 'main'], ['types', 'CodeType'],
    ['cloudpickle.cloudpickle', '_make_function'], ['pydoc', 'locate'], ['pkgutil', 'resolve_name'], ['io', 'FileIO'], ['uuid', '_get_command_stdout'],
  ])('%s.%s is critical', (module, name) => {
    expect(verdict(module, name)).toBe('denied:critical')
  })

  it.each([
    ['webbrowser', 'open'], ['requests', 'get'], ['requests.api', 'post'], ['urllib.request', 'urlopen'], ['urllib2', 'urlopen'], ['urllib3', 'request'],
    ['httplib', 'HTTPSConnection'], ['http.client', 'HTTPConnection'], ['ftplib', 'FTP'], ['telnetlib', 'Telnet'], ['smtplib', 'SMTP'],
    ['tempfile', 'mkstemp'], ['threading', 'Thread'], ['signal', 'signal'], ['torch.storage', '_load_from_bytes'], ['operator', 'itemgetter'],
  ])('%s.%s is high', (module, name) => {
    expect(verdict(module, name)).toBe('denied:high')
  })

  it('functools.partial is medium: judged by what it wraps', () => {
    expect(verdict('functools', 'partial')).toBe('denied:medium')
  })

  it.each([
    ['torch._utils', '_rebuild_tensor_v2'], ['torch._utils', '_rebuild_parameter'], ['torch._utils', '_rebuild_tensor'], ['torch._utils', '_rebuild_qtensor'],
    ['torch', 'FloatStorage'], ['torch', 'HalfStorage'], ['torch', 'BFloat16Storage'], ['torch', 'Size'], ['torch', 'float16'],
    ['torch._tensor', '_rebuild_from_type_v2'], ['torch.nn.parameter', 'Parameter'], ['collections', 'OrderedDict'],
    ['numpy.core.multiarray', '_reconstruct'], ['numpy._core.multiarray', '_reconstruct'], ['numpy.core.multiarray', 'scalar'],
    ['numpy', 'ndarray'], ['numpy', 'dtype'], ['_codecs', 'encode'], ['builtins', 'set'], ['__builtin__', 'frozenset'], ['builtins', 'bytearray'],
    ['builtins', 'slice'], ['builtins', 'complex'], ['copy_reg', '_reconstructor'], ['copyreg', '__newobj__'],
  ])('%s.%s is an allowed reconstructor', (module, name) => {
    expect(verdict(module, name)).toBe('safe')
  })

  it.each([
    ['sklearn.linear_model._logistic', 'LogisticRegression'], ['mypkg', 'Model'], ['torch._utils', '_rebuild_tensor_v2.x'], ['numpy', 'frombuffer'],
    ['collections', 'defaultdict'],
  ])('%s.%s is unknown', (module, name) => {
    expect(verdict(module, name)).toBe('unknown')
  })

  it('allowances never extend to attribute paths', () => {
    expect(verdict('collections', 'OrderedDict.__class__')).toBe('denied:critical')
    expect(verdict('builtins', 'set.__init__')).toBe('denied:critical')
  })
})
