import type { Severity } from '../finding.js'

/**
 * Which imports a pickle may make. The deny entries start from what ProtectAI's modelscan
 * (settings.py `unsafe_globals`: CRITICAL for builtins eval/exec/compile/getattr/apply/open/
 * breakpoint/__import__, os, nt, posix, socket, subprocess, sys, runpy, pty, pickle,
 * operator.attrgetter; HIGH for webbrowser, httplib, requests.api, aiohttp.client) and
 * picklescan (`_unsafe_globals`: adds asyncio, bdb, pdb, ctypes, functools.partial, shutil, ssl,
 * timeit, pip, venv, cProfile, profile, pydoc, pkgutil.resolve_name, numpy.testing._private.utils
 * runstring, numpy.f2py, types.CodeType, cloudpickle internals, torch.serialization.load and
 * other torch entry points that run code) treat as unsafe, widened to whole families where one
 * member already executes code or loads another pickle. The allow entries are the inert
 * reconstructors that torch, numpy and the standard library emit for plain data, close to
 * picklescan's `_safe_globals` and torch's weights_only unpickler.
 *
 * Names are matched exactly: a dotted attribute path ("OrderedDict.__class__") reaches other
 * objects through getattr under protocol 4+, so it never inherits the allowance of its head.
 */

export type Verdict =
  | { kind: 'safe' }
  | { kind: 'denied'; severity: Severity; reason: string }
  | { kind: 'unknown' }

interface ModuleRule {
  /** "*" denies every name in the module and its submodules. */
  names: '*' | ReadonlySet<string>
  severity: Severity
  reason: string
}

const CODE = 'executes arbitrary code'
const NET = 'reaches the network'
const FILES = 'reads or writes files'
const LOADS = 'loads another serialized object that this scan cannot see'

function rule(names: '*' | string[], severity: Severity, reason: string): ModuleRule {
  return { names: names === '*' ? '*' : new Set(names), severity, reason }
}

/** Module (or package prefix) → rule. A package entry covers its submodules. */
const DENY: ReadonlyMap<string, ModuleRule> = new Map([
  ['os', rule('*', 'critical', CODE)],
  ['posix', rule('*', 'critical', CODE)],
  ['nt', rule('*', 'critical', CODE)],
  ['subprocess', rule('*', 'critical', CODE)],
  ['_posixsubprocess', rule('*', 'critical', CODE)],
  ['_winapi', rule('*', 'critical', CODE)],
  ['commands', rule('*', 'critical', CODE)],
  ['popen2', rule('*', 'critical', CODE)],
  ['pty', rule('*', 'critical', CODE)],
  ['sys', rule('*', 'critical', CODE)],
  ['runpy', rule('*', 'critical', CODE)],
  ['code', rule('*', 'critical', CODE)],
  ['codeop', rule('*', 'critical', CODE)],
  ['importlib', rule('*', 'critical', CODE)],
  ['imp', rule('*', 'critical', CODE)],
  ['zipimport', rule('*', 'critical', CODE)],
  ['pkgutil', rule('*', 'critical', CODE)],
  ['pydoc', rule('*', 'critical', CODE)],
  ['ctypes', rule('*', 'critical', CODE)],
  ['_ctypes', rule('*', 'critical', CODE)],
  ['cffi', rule('*', 'critical', CODE)],
  ['marshal', rule('*', 'critical', CODE)],
  ['pickle', rule('*', 'critical', LOADS)],
  ['_pickle', rule('*', 'critical', LOADS)],
  ['cPickle', rule('*', 'critical', LOADS)],
  ['pickletools', rule('*', 'critical', LOADS)],
  ['shelve', rule('*', 'critical', LOADS)],
  ['dill', rule('*', 'critical', LOADS)],
  ['cloudpickle', rule('*', 'critical', CODE)],
  ['joblib', rule(['load', 'loads'], 'critical', LOADS)],
  ['joblib.numpy_pickle', rule(['load', 'loads'], 'critical', LOADS)],
  ['pdb', rule('*', 'critical', CODE)],
  ['bdb', rule('*', 'critical', CODE)],
  ['asyncio', rule('*', 'critical', CODE)],
  ['multiprocessing', rule('*', 'critical', CODE)],
  ['concurrent', rule('*', 'critical', CODE)],
  ['timeit', rule('*', 'critical', CODE)],
  ['cProfile', rule('*', 'critical', CODE)],
  ['profile', rule('*', 'critical', CODE)],
  ['trace', rule('*', 'critical', CODE)],
  ['doctest', rule('*', 'critical', CODE)],
  ['idlelib', rule('*', 'critical', CODE)],
  ['lib2to3', rule('*', 'critical', CODE)],
  ['test', rule('*', 'critical', CODE)],
  ['platform', rule('*', 'critical', CODE)],
  ['shutil', rule('*', 'critical', FILES)],
  ['tempfile', rule('*', 'high', FILES)],
  ['pathlib', rule('*', 'high', FILES)],
  ['glob', rule('*', 'high', FILES)],
  ['fileinput', rule('*', 'high', FILES)],
  ['io', rule(['open', 'open_code', 'FileIO'], 'critical', FILES)],
  ['_io', rule(['open', 'open_code', 'FileIO'], 'critical', FILES)],
  ['codecs', rule(['open'], 'critical', FILES)],
  ['logging', rule(['FileHandler'], 'high', FILES)],
  ['distutils', rule('*', 'critical', CODE)],
  ['setuptools', rule('*', 'critical', CODE)],
  ['pip', rule('*', 'critical', CODE)],
  ['ensurepip', rule('*', 'critical', CODE)],
  ['venv', rule('*', 'critical', CODE)],
  ['_osx_support', rule('*', 'critical', CODE)],
  ['_aix_support', rule('*', 'critical', CODE)],
  ['_pyrepl', rule('*', 'critical', CODE)],
  ['signal', rule('*', 'high', 'installs signal handlers')],
  ['threading', rule('*', 'high', 'starts threads that can run callables')],
  ['_thread', rule('*', 'high', 'starts threads that can run callables')],
  ['operator', rule(['attrgetter', 'methodcaller'], 'critical', CODE)],
  ['_operator', rule(['attrgetter', 'methodcaller'], 'critical', CODE)],
  ['types', rule(['CodeType', 'FunctionType', 'LambdaType', 'MethodType', 'ModuleType'], 'critical', CODE)],
  ['uuid', rule(['_get_command_stdout', '_popen', '_find_mac', '_find_mac_under_heading'], 'critical', CODE)],
  ['numpy.testing._private.utils', rule('*', 'critical', CODE)],
  ['numpy.f2py', rule('*', 'critical', CODE)],
  ['numpy', rule(['load', 'loads', 'fromfile', 'save', 'savez'], 'critical', LOADS)],
  ['numpy.lib.npyio', rule('*', 'critical', LOADS)],
  ['numpy.ctypeslib', rule('*', 'critical', CODE)],
  ['pandas', rule(['read_pickle', 'eval'], 'critical', LOADS)],
  ['pandas.io.pickle', rule('*', 'critical', LOADS)],
  ['torch', rule(['load', 'hub', 'compile', 'jit'], 'critical', LOADS)],
  ['torch.hub', rule('*', 'critical', CODE)],
  ['torch.serialization', rule(['load', '_load', '_legacy_load'], 'critical', LOADS)],
  ['torch.jit', rule('*', 'critical', CODE)],
  ['torch.package', rule('*', 'critical', CODE)],
  ['torch.utils.cpp_extension', rule('*', 'critical', CODE)],
  ['torch._inductor', rule('*', 'critical', CODE)],
  ['torch._dynamo', rule('*', 'critical', CODE)],
  ['torch.fx', rule('*', 'critical', CODE)],
  ['torch.utils._config_module', rule('*', 'critical', LOADS)],
  ['torch.utils.bottleneck', rule('*', 'critical', CODE)],
  ['torch.utils.collect_env', rule('*', 'critical', CODE)],
  ['torch.utils.data.datapipes', rule('*', 'critical', LOADS)],
  ['torch.storage', rule(['_load_from_bytes'], 'high', 'calls torch.load on embedded bytes')],
  ['socket', rule('*', 'critical', NET)],
  ['_socket', rule('*', 'critical', NET)],
  ['ssl', rule('*', 'high', NET)],
  ['webbrowser', rule('*', 'high', NET)],
  ['requests', rule('*', 'high', NET)],
  ['urllib', rule('*', 'high', NET)],
  ['urllib2', rule('*', 'high', NET)],
  ['urllib3', rule('*', 'high', NET)],
  ['httplib', rule('*', 'high', NET)],
  ['http', rule('*', 'high', NET)],
  ['httpx', rule('*', 'high', NET)],
  ['aiohttp', rule('*', 'high', NET)],
  ['ftplib', rule('*', 'high', NET)],
  ['telnetlib', rule('*', 'high', NET)],
  ['smtplib', rule('*', 'high', NET)],
  ['imaplib', rule('*', 'high', NET)],
  ['poplib', rule('*', 'high', NET)],
  ['nntplib', rule('*', 'high', NET)],
  ['xmlrpc', rule('*', 'high', NET)],
  ['socketserver', rule('*', 'high', NET)],
])

/**
 * Builtins that only build plain data. Everything else in builtins is critical: eval, exec,
 * getattr, __import__ and friends execute code directly, and the rest (map, filter, print, type,
 * ...) are callables an attacker chains with them.
 */
const SAFE_BUILTINS = new Set([
  'set', 'frozenset', 'bytearray', 'bytes', 'slice', 'complex', 'range', 'list', 'dict', 'tuple',
  'int', 'float', 'bool', 'str', 'object', 'NoneType', 'Ellipsis', 'NotImplemented',
])

const BUILTIN_REASONS: Readonly<Record<string, string>> = {
  eval: CODE, exec: CODE, execfile: CODE, compile: CODE, apply: CODE, __import__: CODE,
  breakpoint: 'opens a debugger', input: 'reads from the terminal',
  getattr: 'reaches arbitrary attributes (e.g. os.system)', setattr: 'mutates arbitrary objects',
  delattr: 'mutates arbitrary objects', open: FILES, globals: 'exposes interpreter state',
  locals: 'exposes interpreter state', vars: 'exposes interpreter state',
}

const SAFE: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['collections', new Set(['OrderedDict', 'Counter', 'deque'])],
  ['torch', new Set([
    'Size', 'device', 'dtype', 'layout', 'memory_format', 'Tensor',
    'float64', 'float32', 'float16', 'bfloat16', 'complex128', 'complex64', 'complex32',
    'int64', 'int32', 'int16', 'int8', 'uint8', 'uint16', 'uint32', 'uint64', 'bool',
    'float8_e4m3fn', 'float8_e5m2', 'float8_e4m3fnuz', 'float8_e5m2fnuz', 'qint8', 'quint8', 'qint32',
    'strided', 'sparse_coo', 'sparse_csr', 'sparse_csc', 'sparse_bsr', 'sparse_bsc', '_mkldnn',
    'contiguous_format', 'channels_last', 'channels_last_3d', 'preserve_format',
    'per_tensor_affine', 'per_channel_affine', 'per_tensor_symmetric', 'per_channel_symmetric',
  ])],
  ['torch._tensor', new Set(['_rebuild_from_type', '_rebuild_from_type_v2'])],
  ['torch.nn.parameter', new Set(['Parameter', 'UninitializedParameter', 'UninitializedBuffer'])],
  ['torch.storage', new Set(['UntypedStorage', 'TypedStorage', '_StorageBase'])],
  ['torch.serialization', new Set(['_get_layout'])],
  ['numpy', new Set(['ndarray', 'dtype', 'matrix', 'memmap'])],
  ['numpy.core.multiarray', new Set(['_reconstruct', 'scalar'])],
  ['numpy._core.multiarray', new Set(['_reconstruct', 'scalar'])],
  ['numpy.core.numeric', new Set(['_frombuffer'])],
  ['numpy._core.numeric', new Set(['_frombuffer'])],
  // numpy protocol-2 pickles carry raw bytes as latin-1 text re-encoded through _codecs.encode.
  ['_codecs', new Set(['encode'])],
  ['copyreg', new Set(['_reconstructor', '__newobj__', '__newobj_ex__'])],
  ['joblib.numpy_pickle', new Set(['NumpyArrayWrapper'])],
  ['sklearn.externals.joblib.numpy_pickle', new Set(['NumpyArrayWrapper'])],
])

/** Names protocol 0–2 pickles written by Python 2 use; Python 3 maps them on load (fix_imports). */
const PY2_MODULES: Readonly<Record<string, string>> = {
  __builtin__: 'builtins',
  exceptions: 'builtins',
  copy_reg: 'copyreg',
  cPickle: 'pickle',
  urllib2: 'urllib.request',
  httplib: 'http.client',
  commands: 'subprocess',
  _winreg: 'winreg',
  thread: '_thread',
  dummy_thread: '_dummy_thread',
  Queue: 'queue',
}

function canonicalModule(module: string): string {
  return PY2_MODULES[module] ?? module
}

function findRule(module: string): ModuleRule | undefined {
  // Longest prefix wins so "torch.storage._load_from_bytes" is judged by its own entry, not by "torch".
  let candidate: string | undefined = module
  while (candidate) {
    const found = DENY.get(candidate)
    if (found) return found
    const dot = candidate.lastIndexOf('.')
    candidate = dot > 0 ? candidate.slice(0, dot) : undefined
  }
  return undefined
}

function isTorchRebuild(module: string, name: string): boolean {
  return module === 'torch._utils' && /^_rebuild_[A-Za-z0-9_]+$/.test(name)
}

function isTorchStorage(module: string, name: string): boolean {
  return module === 'torch' && /^[A-Za-z0-9]+Storage$/.test(name)
}

export function classifyGlobal(rawModule: string, name: string): Verdict {
  const module = canonicalModule(rawModule)
  const head = name.split('.')[0] ?? name
  const dotted = name.includes('.')
  if (dotted && name.split('.').some((part) => part.startsWith('__'))) {
    return { kind: 'denied', severity: 'critical', reason: 'walks dunder attributes to reach other objects' }
  }
  if (module === 'builtins') {
    if (!dotted && SAFE_BUILTINS.has(name)) return { kind: 'safe' }
    return { kind: 'denied', severity: 'critical', reason: BUILTIN_REASONS[head] ?? 'builtins other than plain data constructors can be chained into code execution' }
  }
  const denied = findRule(module) ?? (module !== rawModule ? findRule(rawModule) : undefined)
  if (denied && (denied.names === '*' || denied.names.has(head))) {
    return { kind: 'denied', severity: denied.severity, reason: denied.reason }
  }
  if (module === 'functools' && (name === 'partial' || name === 'reduce')) {
    // Inert alone, but binds arguments to whatever callable comes next: judged by what it wraps,
    // which a static scan only partly sees.
    return { kind: 'denied', severity: 'medium', reason: 'binds a callable to arguments; check what it wraps' }
  }
  if (module === 'operator' || module === '_operator') {
    if (name === 'itemgetter') return { kind: 'denied', severity: 'high', reason: 'builds accessors used in code-execution chains' }
  }
  if (dotted) return { kind: 'unknown' }
  if (isTorchRebuild(module, name) || isTorchStorage(module, name)) return { kind: 'safe' }
  if (SAFE.get(module)?.has(name)) return { kind: 'safe' }
  return { kind: 'unknown' }
}
