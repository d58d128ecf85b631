import { SEVERITIES, type Severity } from '../severity.js'
import { PLAIN_DATA_BUILTINS } from './allow-list.js'

/**
 * Globals known to run code, load other serialized objects, touch files or reach the network.
 * Everything off the allow-list is already refused; this list names *why* a known-bad global is
 * bad, raises it to critical where it runs code, and wins over every allow-list: no framework list
 * can admit a global named here.
 *
 * It starts from ProtectAI modelscan's `unsafe_globals` and picklescan's `_unsafe_globals`, widened
 * to whole modules where one member already executes code or loads another pickle, and adds the
 * bypasses published against them (picklescan and fickling advisories, modelscan issues): pip,
 * ensurepip, idlelib, lib2to3, profilers and debuggers, sub-interpreters, site, the torch entry
 * points that compile or load, numpy/pandas readers and writers, MLflow project runners, and the
 * trampolines (functools.reduce/partial, operator.call/methodcaller/attrgetter, logging.config's
 * resolver) that call whatever they are handed.
 */

export interface DenyRule {
  /** "*" covers every name in the module and its submodules; `except` covers all but those names. */
  names: '*' | ReadonlySet<string> | { except: ReadonlySet<string> }
  severity: Severity
  reason: string
}

const CODE = 'executes arbitrary code'
const CALLS = 'calls a callable it is handed (a trampoline to any other global)'
const NET = 'reaches the network'
const FILES = 'reads or writes files'
const LOADS = 'loads another serialized object that this scan cannot see'
const RESOLVES = 'imports a module or object by a name given at load time'

function rule(names: '*' | string[], severity: Severity, reason: string): DenyRule {
  return { names: names === '*' ? '*' : new Set(names), severity, reason }
}

const critical = (names: '*' | string[], reason: string): DenyRule => rule(names, 'critical', reason)
const high = (names: '*' | string[], reason: string): DenyRule => rule(names, 'high', reason)

/** Module (a package entry covers its submodules) -> rule. */
export const DENY: ReadonlyMap<string, DenyRule> = new Map<string, DenyRule>([
  ['builtins', { names: { except: new Set(PLAIN_DATA_BUILTINS) }, severity: 'critical', reason: 'builtins other than plain data constructors execute code or can be chained into it' }],
  ['os', critical('*', CODE)],
  ['posix', critical('*', CODE)],
  ['nt', critical('*', CODE)],
  ['subprocess', critical('*', CODE)],
  ['_posixsubprocess', critical('*', CODE)],
  ['_winapi', critical('*', CODE)],
  ['popen2', critical('*', CODE)],
  ['pty', critical('*', CODE)],
  ['sys', critical('*', CODE)],
  ['runpy', critical('*', CODE)],
  ['code', critical('*', CODE)],
  ['codeop', critical('*', CODE)],
  ['importlib', critical('*', RESOLVES)],
  ['imp', critical('*', RESOLVES)],
  ['zipimport', critical('*', RESOLVES)],
  ['pkgutil', critical('*', RESOLVES)],
  ['pydoc', critical('*', RESOLVES)],
  ['site', critical('*', 'adds import paths and runs .pth files')],
  ['sitecustomize', critical('*', CODE)],
  ['usercustomize', critical('*', CODE)],
  ['_interpreters', critical('*', 'runs source in a sub-interpreter')],
  ['_xxsubinterpreters', critical('*', 'runs source in a sub-interpreter')],
  ['_xxinterpchannels', critical('*', 'runs source in a sub-interpreter')],
  ['interpreters', critical('*', 'runs source in a sub-interpreter')],
  ['ctypes', critical('*', CODE)],
  ['_ctypes', critical('*', CODE)],
  ['cffi', critical('*', CODE)],
  ['marshal', critical('*', CODE)],
  ['types', critical('*', 'builds code objects, functions and modules')],
  ['gc', high('*', 'reaches arbitrary live objects')],
  ['inspect', high('*', 'reaches arbitrary live objects')],
  ['atexit', critical('*', CALLS)],
  ['sched', critical('*', CALLS)],
  ['functools', critical(['reduce', 'partial', 'partialmethod', 'singledispatch', 'wraps', 'update_wrapper', 'cached_property', 'lru_cache', 'cache'], CALLS)],
  ['_functools', critical('*', CALLS)],
  ['itertools', critical(['starmap', 'filterfalse', 'accumulate', 'groupby', 'takewhile', 'dropwhile'], CALLS)],
  ['operator', critical(['call', 'attrgetter', 'methodcaller', 'itemgetter', 'getitem', 'setitem', 'delitem'], CALLS)],
  ['_operator', critical('*', CALLS)],
  ['logging.config', critical('*', `${RESOLVES} (_resolve, dictConfig, listen)`)],
  ['logging', high(['FileHandler', 'RotatingFileHandler', 'TimedRotatingFileHandler', 'WatchedFileHandler'], FILES)],
  ['logging.handlers', high('*', `${FILES} or ${NET}`)],
  ['mailcap', critical('*', 'runs mailcap test commands through the shell')],
  ['pickle', critical('*', LOADS)],
  ['_pickle', critical('*', LOADS)],
  ['pickletools', critical('*', LOADS)],
  ['copyreg', critical(['add_extension', 'pickle', 'constructor'], 'changes how later pickles are read')],
  ['shelve', critical('*', LOADS)],
  ['dbm', high('*', FILES)],
  ['dill', critical('*', LOADS)],
  ['cloudpickle', critical('*', CODE)],
  ['joblib', critical(['load', 'loads', 'Parallel', 'delayed', 'Memory'], LOADS)],
  ['joblib.numpy_pickle', critical(['load', 'loads', 'NDArrayWrapper', 'ZNDArrayWrapper'], 'reads array data from a file named in the pickle')],
  ['joblib.externals', critical('*', LOADS)],
  ['sklearn.externals.joblib', critical(['load', 'loads'], LOADS)],
  ['sklearn.utils._joblib', critical('*', LOADS)],
  ['sklearn.utils.parallel', critical(['Parallel', 'delayed'], CALLS)],
  ['skops', critical('*', LOADS)],
  ['fickling', critical('*', 'tampers with pickle scanners')],
  ['picklescan', critical('*', 'tampers with pickle scanners')],
  ['modelscan', critical('*', 'tampers with pickle scanners')],
  ['pdb', critical('*', CODE)],
  ['bdb', critical('*', CODE)],
  ['asyncio', critical('*', CODE)],
  ['multiprocessing', critical('*', CODE)],
  ['concurrent', critical('*', CODE)],
  ['threading', high('*', 'starts threads that run callables')],
  ['_thread', high('*', 'starts threads that run callables')],
  ['signal', high('*', 'installs signal handlers')],
  ['timeit', critical('*', CODE)],
  ['cProfile', critical('*', CODE)],
  ['profile', critical('*', CODE)],
  ['trace', critical('*', CODE)],
  ['doctest', critical('*', CODE)],
  ['idlelib', critical('*', CODE)],
  ['lib2to3', critical('*', CODE)],
  ['test', critical('*', CODE)],
  ['platform', critical('*', CODE)],
  ['uuid', critical(['_get_command_stdout', '_popen', '_find_mac', '_find_mac_under_heading', '_ifconfig_getnode', '_ip_getnode', '_arp_getnode', '_lanscan_getnode', '_netstat_getnode'], CODE)],
  ['distutils', critical('*', CODE)],
  ['setuptools', critical('*', CODE)],
  ['pip', critical('*', CODE)],
  ['ensurepip', critical('*', CODE)],
  ['venv', critical('*', CODE)],
  ['_osx_support', critical('*', CODE)],
  ['_aix_support', critical('*', CODE)],
  ['_pyrepl', critical('*', CODE)],
  ['shutil', critical('*', FILES)],
  ['tempfile', high('*', FILES)],
  ['pathlib', high('*', FILES)],
  ['glob', high('*', FILES)],
  ['fileinput', high('*', FILES)],
  ['tarfile', high('*', FILES)],
  ['zipfile', high('*', FILES)],
  ['mmap', high('*', FILES)],
  ['sqlite3', high('*', FILES)],
  ['io', critical(['open', 'open_code', 'FileIO'], FILES)],
  ['_io', critical('*', FILES)],
  ['codecs', critical(['open', 'EncodedFile', 'lookup', 'getencoder', 'getdecoder'], FILES)],
  ['numpy.testing', critical('*', CODE)],
  ['numpy.f2py', critical('*', CODE)],
  ['numpy.distutils', critical('*', CODE)],
  ['numpy.ctypeslib', critical('*', CODE)],
  ['numpy', critical(['load', 'loads', 'fromfile', 'tofile', 'save', 'savez', 'savez_compressed', 'savetxt', 'loadtxt', 'genfromtxt', 'fromregex', 'memmap', 'DataSource', 'testing', 'f2py', 'distutils', 'ctypeslib'], `${LOADS}, or ${FILES}`)],
  ['numpy.lib', critical(['npyio', '_npyio_impl', 'format', '_datasource', 'utils'], `${LOADS}, or ${FILES}`)],
  ['numpy.lib.npyio', critical('*', LOADS)],
  ['numpy.lib._npyio_impl', critical('*', LOADS)],
  ['numpy.lib.format', critical('*', LOADS)],
  ['numpy.lib._datasource', critical('*', NET)],
  ['numpy.core.memmap', critical('*', FILES)],
  ['numpy._core.memmap', critical('*', FILES)],
  ['numpy.core._internal', critical('*', 'imports sys and ctypes')],
  ['numpy._core._internal', critical('*', 'imports sys and ctypes')],
  ['pandas', critical(['read_pickle', 'read_csv', 'read_table', 'read_fwf', 'read_json', 'read_html', 'read_xml', 'read_parquet', 'read_feather', 'read_orc', 'read_excel', 'read_sql', 'read_sql_query', 'read_sql_table', 'read_hdf', 'read_stata', 'read_sas', 'read_spss', 'read_clipboard', 'eval', 'io'], `${LOADS}, or fetches a URL`)],
  ['pandas.io', critical('*', `${LOADS}, or fetches a URL`)],
  ['pandas.core.computation', critical('*', CODE)],
  ['mlflow.projects', critical('*', 'runs an MLflow project (code and environment fetched from a URI)')],
  ['mlflow.utils', critical('*', CODE)],
  ['mlflow.pyfunc', critical('*', LOADS)],
  ['mlflow.models', critical('*', LOADS)],
  ['torch', critical(['load', 'hub', 'compile', 'jit', 'package', 'ops', 'library', 'export', '_C', 'classes', 'distributed', 'multiprocessing', 'fx', '_dynamo', '_inductor', 'onnx', '_ops'], `${LOADS}, or compiles and runs code`)],
  ['torch.hub', critical('*', CODE)],
  ['torch.serialization', critical(['load', '_load', '_legacy_load', 'add_safe_globals', 'safe_globals', '_open_file', '_open_zipfile_reader'], LOADS)],
  ['torch.jit', critical('*', CODE)],
  ['torch.package', critical('*', CODE)],
  ['torch.library', critical('*', CODE)],
  ['torch.ops', critical('*', CODE)],
  ['torch._ops', critical('*', CODE)],
  ['torch._C', critical('*', CODE)],
  ['torch.classes', critical('*', CODE)],
  ['torch.export', critical('*', CODE)],
  ['torch.onnx', critical('*', CODE)],
  ['torch.distributed', critical('*', `${CODE} (remote procedure calls)`)],
  ['torch.multiprocessing', critical('*', CODE)],
  ['torch.utils.cpp_extension', critical('*', CODE)],
  ['torch._inductor', critical('*', CODE)],
  ['torch._dynamo', critical('*', CODE)],
  ['torch.fx', critical('*', CODE)],
  ['torch.utils._config_module', critical('*', LOADS)],
  ['torch.utils.bottleneck', critical('*', CODE)],
  ['torch.utils.collect_env', critical('*', CODE)],
  ['torch.utils.data', critical('*', LOADS)],
  ['torch.storage', critical(['_load_from_bytes'], 'calls torch.load on embedded bytes')],
  ['socket', critical('*', NET)],
  ['_socket', critical('*', NET)],
  ['ssl', high('*', NET)],
  ['webbrowser', high('*', NET)],
  ['requests', high('*', NET)],
  ['urllib', high('*', NET)],
  ['urllib2', high('*', NET)],
  ['urllib3', high('*', NET)],
  ['httplib', high('*', NET)],
  ['http', high('*', NET)],
  ['httpx', high('*', NET)],
  ['aiohttp', high('*', NET)],
  ['ftplib', high('*', NET)],
  ['telnetlib', high('*', NET)],
  ['smtplib', high('*', NET)],
  ['imaplib', high('*', NET)],
  ['poplib', high('*', NET)],
  ['nntplib', high('*', NET)],
  ['xmlrpc', high('*', NET)],
  ['socketserver', high('*', NET)],
])

const BUILTIN_REASONS: Readonly<Record<string, string>> = {
  eval: CODE, exec: CODE, execfile: CODE, compile: CODE, apply: CALLS, __import__: RESOLVES, map: CALLS, filter: CALLS,
  sorted: CALLS, max: CALLS, min: CALLS, iter: CALLS, next: CALLS,
  breakpoint: 'opens a debugger', input: 'reads from the terminal', print: 'writes to the terminal',
  getattr: 'reaches arbitrary attributes (e.g. os.system)', setattr: 'mutates arbitrary objects',
  delattr: 'mutates arbitrary objects', open: FILES, file: FILES, globals: 'exposes interpreter state',
  locals: 'exposes interpreter state', vars: 'exposes interpreter state', type: 'builds classes',
}

/** Attribute names that reach interpreter internals from any object. */
const INTERNALS = new Set([
  '__builtins__', '__globals__', '__dict__', '__class__', '__subclasses__', '__base__', '__bases__', '__mro__', '__import__',
  '__loader__', '__spec__', '__code__', '__closure__', '__func__', '__self__', '__module__', '__getattribute__', '__reduce__', '__reduce_ex__',
])

export interface DenyMatch {
  severity: Severity
  reason: string
  /** The module rule (or attribute) that matched. */
  via: string
}

function ruleApplies(found: DenyRule, next: string | undefined): boolean {
  if (found.names === '*') return true
  if (next === undefined) return false
  if (found.names instanceof Set) return found.names.has(next)
  return !(found.names as { except: ReadonlySet<string> }).except.has(next)
}

function reasonFor(module: string, found: DenyRule, next: string | undefined): string {
  if (module === 'builtins' && next !== undefined) return BUILTIN_REASONS[next] ?? found.reason
  return found.reason
}

/**
 * Walks the attribute chain an import resolves through (module parts, then name parts) and reports
 * the first deny rule on its way. `firstAlias` is the first index at which a part may name a
 * module reached as an attribute of the one before (`torch` + `os.system`, `zipfile` +
 * `os.system`): the unpickler walks names with getattr, and modules import other modules under
 * their own names, so any name part may be one.
 */
export function denyMatch(chain: readonly string[], firstAlias: number): DenyMatch | null {
  const dotted = chain.length - firstAlias > 1
  for (let i = firstAlias; i < chain.length; i++) {
    const part = chain[i] as string
    if (INTERNALS.has(part)) return { severity: 'critical', reason: `walks ${part}, which reaches interpreter internals`, via: part }
    if (dotted && part.startsWith('__')) return { severity: 'critical', reason: 'walks dunder attributes to reach other objects', via: part }
  }
  const starts = [0]
  for (let j = Math.max(1, firstAlias); j < chain.length; j++) starts.push(j)
  // Every rule on the way counts, and the most severe one names the global.
  let worst: DenyMatch | null = null
  for (const start of starts) {
    for (let end = start + 1; end <= chain.length; end++) {
      const module = chain.slice(start, end).join('.')
      const found = DENY.get(module)
      if (!found) continue
      const next = chain[end]
      if (!ruleApplies(found, next)) continue
      if (!worst || SEVERITIES.indexOf(found.severity) < SEVERITIES.indexOf(worst.severity)) {
        worst = { severity: found.severity, reason: reasonFor(module, found, next), via: next === undefined ? module : `${module}.${next}` }
      }
    }
  }
  return worst
}
