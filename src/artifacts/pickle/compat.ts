/**
 * Python 2 names that Python 3's unpickler renames before importing, when the stream's protocol is
 * below 3 and fix_imports is on (the default): CPython's Lib/_compat_pickle.py, IMPORT_MAPPING and
 * NAME_MAPPING as the unpickler reads them (the Python 2 -> 3 direction). A scan that judged
 * "__builtin__.eval" or "commands.getoutput" by the name as written would judge a different global
 * than the one that runs.
 */
export const IMPORT_MAPPING: Readonly<Record<string, string>> = {
  __builtin__: 'builtins',
  copy_reg: 'copyreg',
  Queue: 'queue',
  SocketServer: 'socketserver',
  ConfigParser: 'configparser',
  repr: 'reprlib',
  tkFileDialog: 'tkinter.filedialog',
  tkSimpleDialog: 'tkinter.simpledialog',
  tkColorChooser: 'tkinter.colorchooser',
  tkCommonDialog: 'tkinter.commondialog',
  Dialog: 'tkinter.dialog',
  Tkdnd: 'tkinter.dnd',
  tkFont: 'tkinter.font',
  tkMessageBox: 'tkinter.messagebox',
  ScrolledText: 'tkinter.scrolledtext',
  Tkconstants: 'tkinter.constants',
  Tix: 'tkinter.tix',
  ttk: 'tkinter.ttk',
  Tkinter: 'tkinter',
  markupbase: '_markupbase',
  _winreg: 'winreg',
  thread: '_thread',
  dummy_thread: '_dummy_thread',
  dbhash: 'dbm.bsd',
  dumbdbm: 'dbm.dumb',
  dbm: 'dbm.ndbm',
  gdbm: 'dbm.gnu',
  xmlrpclib: 'xmlrpc.client',
  SimpleXMLRPCServer: 'xmlrpc.server',
  httplib: 'http.client',
  htmlentitydefs: 'html.entities',
  HTMLParser: 'html.parser',
  Cookie: 'http.cookies',
  cookielib: 'http.cookiejar',
  BaseHTTPServer: 'http.server',
  'test.test_support': 'test.support',
  commands: 'subprocess',
  urlparse: 'urllib.parse',
  robotparser: 'urllib.robotparser',
  urllib2: 'urllib.request',
  anydbm: 'dbm',
  _abcoll: 'collections.abc',
  // Non-mutual mappings, added after the reverse table is built.
  cPickle: 'pickle',
  _elementtree: 'xml.etree.ElementTree',
  FileDialog: 'tkinter.filedialog',
  SimpleDialog: 'tkinter.simpledialog',
  DocXMLRPCServer: 'xmlrpc.server',
  SimpleHTTPServer: 'http.server',
  CGIHTTPServer: 'http.server',
  UserDict: 'collections',
  UserList: 'collections',
  UserString: 'collections',
  whichdb: 'dbm',
  StringIO: 'io',
  cStringIO: 'io',
}

const PYTHON2_EXCEPTIONS = [
  'ArithmeticError', 'AssertionError', 'AttributeError', 'BaseException', 'BufferError', 'BytesWarning',
  'DeprecationWarning', 'EOFError', 'EnvironmentError', 'Exception', 'FloatingPointError', 'FutureWarning',
  'GeneratorExit', 'IOError', 'ImportError', 'ImportWarning', 'IndentationError', 'IndexError', 'KeyError',
  'KeyboardInterrupt', 'LookupError', 'MemoryError', 'NameError', 'NotImplementedError', 'OSError',
  'OverflowError', 'PendingDeprecationWarning', 'ReferenceError', 'RuntimeError', 'RuntimeWarning',
  'StopIteration', 'SyntaxError', 'SyntaxWarning', 'SystemError', 'SystemExit', 'TabError', 'TargetScopeError',
  'TypeError', 'UnboundLocalError', 'UnicodeDecodeError', 'UnicodeEncodeError', 'UnicodeError',
  'UnicodeTranslateError', 'UnicodeWarning', 'UserWarning', 'ValueError', 'Warning', 'ZeroDivisionError',
]

const MULTIPROCESSING_EXCEPTIONS = ['AuthenticationError', 'BufferTooShort', 'ProcessError', 'TimeoutError']

function nameMapping(): ReadonlyMap<string, readonly [string, string]> {
  const pairs: [string, string, string, string][] = [
    ['__builtin__', 'xrange', 'builtins', 'range'],
    ['__builtin__', 'reduce', 'functools', 'reduce'],
    ['__builtin__', 'intern', 'sys', 'intern'],
    ['__builtin__', 'unichr', 'builtins', 'chr'],
    ['__builtin__', 'unicode', 'builtins', 'str'],
    ['__builtin__', 'long', 'builtins', 'int'],
    ['itertools', 'izip', 'builtins', 'zip'],
    ['itertools', 'imap', 'builtins', 'map'],
    ['itertools', 'ifilter', 'builtins', 'filter'],
    ['itertools', 'ifilterfalse', 'itertools', 'filterfalse'],
    ['itertools', 'izip_longest', 'itertools', 'zip_longest'],
    ['UserDict', 'IterableUserDict', 'collections', 'UserDict'],
    ['UserList', 'UserList', 'collections', 'UserList'],
    ['UserString', 'UserString', 'collections', 'UserString'],
    ['whichdb', 'whichdb', 'dbm', 'whichdb'],
    ['_socket', 'fromfd', 'socket', 'fromfd'],
    ['_multiprocessing', 'Connection', 'multiprocessing.connection', 'Connection'],
    ['multiprocessing.process', 'Process', 'multiprocessing.context', 'Process'],
    ['multiprocessing.forking', 'Popen', 'multiprocessing.popen_fork', 'Popen'],
    ['urllib', 'ContentTooShortError', 'urllib.error', 'ContentTooShortError'],
    ['urllib', 'getproxies', 'urllib.request', 'getproxies'],
    ['urllib', 'pathname2url', 'urllib.request', 'pathname2url'],
    ['urllib', 'quote_plus', 'urllib.parse', 'quote_plus'],
    ['urllib', 'quote', 'urllib.parse', 'quote'],
    ['urllib', 'unquote_plus', 'urllib.parse', 'unquote_plus'],
    ['urllib', 'unquote', 'urllib.parse', 'unquote'],
    ['urllib', 'url2pathname', 'urllib.request', 'url2pathname'],
    ['urllib', 'urlcleanup', 'urllib.request', 'urlcleanup'],
    ['urllib', 'urlencode', 'urllib.parse', 'urlencode'],
    ['urllib', 'urlopen', 'urllib.request', 'urlopen'],
    ['urllib', 'urlretrieve', 'urllib.request', 'urlretrieve'],
    ['urllib2', 'HTTPError', 'urllib.error', 'HTTPError'],
    ['urllib2', 'URLError', 'urllib.error', 'URLError'],
    ['__builtin__', 'basestring', 'builtins', 'str'],
    ['exceptions', 'StandardError', 'builtins', 'Exception'],
    ['UserDict', 'UserDict', 'collections', 'UserDict'],
    ['socket', '_socketobject', 'socket', 'SocketType'],
  ]
  const map = new Map<string, readonly [string, string]>()
  for (const [module, name, toModule, toName] of pairs) map.set(`${module}\u0000${name}`, [toModule, toName])
  for (const name of PYTHON2_EXCEPTIONS) map.set(`exceptions\u0000${name}`, ['builtins', name])
  for (const name of MULTIPROCESSING_EXCEPTIONS) map.set(`multiprocessing\u0000${name}`, ['multiprocessing.context', name])
  return map
}

export const NAME_MAPPING = nameMapping()

/** The (module, name) Python 3 imports for a GLOBAL written as (module, name), as Unpickler.find_class does. */
export function fixImports(module: string, name: string): [string, string] {
  const renamed = NAME_MAPPING.get(`${module}\u0000${name}`)
  if (renamed) return [renamed[0], renamed[1]]
  const mapped = IMPORT_MAPPING[module]
  return mapped === undefined ? [module, name] : [mapped, name]
}
