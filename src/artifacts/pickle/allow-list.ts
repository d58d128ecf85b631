/**
 * The globals a pickle may import without a finding: inert reconstructors of plain data and
 * tensors. Versioned, because a scan report records which list it was judged under; change the
 * list, change the version.
 *
 * The torch entries mirror torch's weights_only unpickler (torch/_weights_only_unpickler.py,
 * `_get_allowed_globals` and `_tensor_rebuild_functions`): collections.OrderedDict and Counter,
 * torch.nn.parameter.Parameter, torch.serialization._get_layout, torch.Size, torch.Tensor,
 * torch.device, _codecs.encode, builtins bytearray/set/complex, every torch dtype, the legacy
 * storage and tensor classes, the quantization schemes, the torch._utils rebuild functions and
 * torch._tensor._rebuild_from_type_v2. To that it adds numpy's array reconstruction, copyreg's
 * object reconstruction (protocol 0-1 pickles of plain objects), joblib's array wrapper and the
 * builtins that only build plain data.
 */
export const ALLOW_LIST_VERSION = 'modelgate-pickle-allow/1'

const TORCH_DTYPES = [
  'float64', 'float32', 'float16', 'bfloat16', 'complex128', 'complex64', 'complex32', 'chalf', 'cfloat', 'cdouble',
  'double', 'float', 'half', 'long', 'int', 'short', 'bool',
  'int64', 'int32', 'int16', 'int8', 'uint8', 'uint16', 'uint32', 'uint64',
  'int1', 'int2', 'int3', 'int4', 'int5', 'int6', 'int7', 'uint1', 'uint2', 'uint3', 'uint4', 'uint5', 'uint6', 'uint7',
  'float8_e4m3fn', 'float8_e5m2', 'float8_e4m3fnuz', 'float8_e5m2fnuz', 'float8_e8m0fnu', 'float4_e2m1fn_x2',
  'qint8', 'quint8', 'qint32', 'quint4x2', 'quint2x4', 'bits1x8', 'bits2x4', 'bits4x2', 'bits8', 'bits16',
]

const LEGACY_ELEMENT_TYPES = [
  'Double', 'Float', 'Long', 'Int', 'Short', 'Char', 'Byte', 'Half', 'Bool', 'BFloat16', 'ComplexDouble', 'ComplexFloat',
  'QUInt8', 'QInt8', 'QInt32', 'QUInt4x2', 'QUInt2x4',
]

const TORCH_QSCHEMES = ['per_tensor_affine', 'per_tensor_symmetric', 'per_channel_affine', 'per_channel_symmetric', 'per_channel_affine_float_qparams']

const TORCH_REBUILD_FUNCTIONS = [
  '_rebuild_parameter', '_rebuild_parameter_with_state', '_rebuild_qtensor', '_rebuild_tensor', '_rebuild_tensor_v2',
  '_rebuild_tensor_v3', '_rebuild_sparse_tensor', '_rebuild_meta_tensor_no_storage', '_rebuild_wrapper_subclass',
  '_rebuild_device_tensor_from_numpy', '_rebuild_device_tensor_from_cpu_tensor',
]

/** Builtins that construct plain data from plain data, and nothing else. */
export const PLAIN_DATA_BUILTINS = [
  'set', 'frozenset', 'bytearray', 'bytes', 'complex', 'slice', 'range', 'list', 'dict', 'tuple', 'int', 'float', 'bool',
  'str', 'object', 'Ellipsis', 'NotImplemented',
]

function qualify(module: string, names: readonly string[]): string[] {
  return names.map((name) => `${module}.${name}`)
}

function build(): ReadonlyMap<string, string> {
  const entries = new Map<string, string>()
  const add = (names: readonly string[], why: string): void => {
    for (const name of names) entries.set(name, why)
  }
  add(['collections.OrderedDict', 'collections.Counter'], 'ordered and counting dicts: plain data (torch weights_only)')
  add(['torch.nn.parameter.Parameter', 'torch.Size', 'torch.Tensor', 'torch.device', 'torch.serialization._get_layout'], 'torch tensor type (torch weights_only)')
  add(['_codecs.encode'], 'rebuilds bytes from latin-1 text (torch weights_only); judged again at the call')
  add(qualify('builtins', PLAIN_DATA_BUILTINS), 'builtin that builds plain data')
  add(qualify('torch', TORCH_DTYPES), 'torch dtype (torch weights_only)')
  add(qualify('torch', TORCH_QSCHEMES), 'torch quantization scheme (torch weights_only)')
  add(['torch.storage.UntypedStorage', 'torch.storage.TypedStorage'], 'torch storage class (torch weights_only)')
  for (const prefix of ['torch', 'torch.cuda']) {
    add(qualify(prefix, LEGACY_ELEMENT_TYPES.map((t) => `${t}Storage`)), 'legacy torch storage class (torch weights_only)')
  }
  for (const prefix of ['torch', 'torch.cuda', 'torch.sparse', 'torch.cuda.sparse']) {
    add(qualify(prefix, LEGACY_ELEMENT_TYPES.map((t) => `${t}Tensor`)), 'legacy torch tensor class (torch weights_only)')
  }
  add(qualify('torch._utils', TORCH_REBUILD_FUNCTIONS), 'torch tensor rebuild function (torch weights_only)')
  add(['torch._tensor._rebuild_from_type_v2'], 'torch tensor subclass rebuild (torch weights_only); its function argument is judged at the call')
  for (const core of ['numpy.core', 'numpy._core']) {
    add([`${core}.multiarray._reconstruct`, `${core}.multiarray.scalar`, `${core}.numeric._frombuffer`], 'numpy array and scalar reconstruction')
  }
  add(['numpy.ndarray', 'numpy.dtype', 'numpy.matrix'], 'numpy array type')
  add(['copyreg._reconstructor', 'copyreg.__newobj__', 'copyreg.__newobj_ex__'], 'object reconstruction; the class it builds is judged at the call')
  add(['joblib.numpy_pickle.NumpyArrayWrapper', 'sklearn.externals.joblib.numpy_pickle.NumpyArrayWrapper'], 'joblib array wrapper: array bytes follow inline and are checked against dtype and shape')
  return entries
}

/** "module.name" -> why it is inert. */
export const ALLOWED_GLOBALS: ReadonlyMap<string, string> = build()

/**
 * Allowed callables that call one of their arguments (or construct an instance of it). They stay
 * inert only while that argument is an imported global, which is judged on its own; a value
 * computed at load time (the result of another call, an attribute fetched through a chain) could
 * be anything. Index = positional argument that must be an import.
 */
export const CALLABLE_ARGUMENTS: ReadonlyMap<string, readonly number[]> = new Map([
  ['torch._tensor._rebuild_from_type_v2', [0, 1]],
  ['torch._utils._rebuild_wrapper_subclass', [0]],
  ['copyreg._reconstructor', [0, 1]],
  ['copyreg.__newobj__', [0]],
  ['copyreg.__newobj_ex__', [0]],
  ['numpy.core.multiarray._reconstruct', [0]],
  ['numpy._core.multiarray._reconstruct', [0]],
])

/** _codecs.encode looks its codec up by name, which imports encodings.<name>: only latin-1 is what writers use. */
export const CODECS_ENCODE = '_codecs.encode'
export const ALLOWED_ENCODINGS: ReadonlySet<string> = new Set(['latin1', 'latin-1', 'latin_1', 'iso-8859-1', 'iso8859-1', 'l1'])
